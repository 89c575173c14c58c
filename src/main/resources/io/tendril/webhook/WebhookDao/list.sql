SELECT id, url, events, secret, active, description, created_at, updated_at
FROM webhooks
ORDER BY id
