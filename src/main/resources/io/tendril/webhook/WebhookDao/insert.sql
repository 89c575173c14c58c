INSERT INTO webhooks (url, events, secret, active, description, created_at, updated_at)
VALUES (:url, :events, :secret, :active, :description, :now, :now)
RETURNING id, url, events, secret, active, description, created_at, updated_at
