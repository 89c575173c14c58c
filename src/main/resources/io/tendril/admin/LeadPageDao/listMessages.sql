-- The lead's messages with their subjects and step names, to label the timeline.
SELECT m.id, m.subject, s.name AS step_name, m.status
FROM messages m
JOIN steps s ON s.id = m.step_id
WHERE m.lead_id = :leadId
ORDER BY m.id DESC
LIMIT 1000
