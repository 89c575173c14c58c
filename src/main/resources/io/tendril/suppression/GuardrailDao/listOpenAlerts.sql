SELECT id, kind, sequence_id, message, created_at
FROM alerts
WHERE resolved_at IS NULL
ORDER BY created_at DESC
LIMIT 100
