UPDATE webhooks
SET secret = :secret, updated_at = :now
WHERE id = :id
RETURNING id, url, events, secret, active, description, created_at, updated_at
