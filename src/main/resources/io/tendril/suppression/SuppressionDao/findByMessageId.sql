SELECT l.id AS lead_id, l.email_key, l.status, m.id AS message_id, s.sequence_id
FROM messages m
JOIN leads l ON l.id = m.lead_id
JOIN steps s ON s.id = m.step_id
WHERE m.id = :messageId
