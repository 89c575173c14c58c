UPDATE webhooks
SET url = :url, events = :events, active = :active, description = :description,
    updated_at = :now
WHERE id = :id
RETURNING id, url, events, secret, active, description, created_at, updated_at
