-- The webhook's deliveries, newest first, with the event each one carries.
SELECT d.id, d.event_id, e.type AS event_type, d.status, d.attempts, d.next_attempt_at,
       d.response_status, d.error, d.created_at, d.delivered_at
FROM webhook_deliveries d
JOIN events e ON e.id = d.event_id
WHERE d.webhook_id = :webhookId
ORDER BY d.id DESC
LIMIT :limit
