-- The lead with this key, and its most recent message, which the report most likely concerns.
SELECT l.id AS lead_id, l.email_key, l.status, last.id AS message_id, last.sequence_id
FROM leads l
LEFT JOIN LATERAL (
    SELECT m.id, s.sequence_id
    FROM messages m
    JOIN steps s ON s.id = m.step_id
    WHERE m.lead_id = l.id AND m.status = 'sent'
    ORDER BY m.sent_at DESC
    LIMIT 1
) last ON true
WHERE l.email_key = :emailKey
