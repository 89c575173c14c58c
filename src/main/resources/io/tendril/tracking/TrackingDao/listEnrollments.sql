-- The sequences the lead of a message is still enrolled in, for the preferences page.
SELECT q.id AS sequence_id, q.name AS sequence_name
FROM messages m
JOIN enrollments e ON e.lead_id = m.lead_id AND e.status IN ('active', 'paused')
JOIN sequences q ON q.id = e.sequence_id
WHERE m.id = :messageId
ORDER BY q.name
