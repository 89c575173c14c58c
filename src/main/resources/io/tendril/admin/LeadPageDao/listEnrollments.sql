-- The lead's enrollments, newest first, with the name of the step each waits for (position 0
-- means the first step is not scheduled yet).
SELECT e.id, q.name AS sequence_name, e.version, e.status, e.next_position,
       s.name AS next_step, e.next_due_at, e.exit_reason, e.created_at, e.ended_at
FROM enrollments e
JOIN sequences q ON q.id = e.sequence_id
LEFT JOIN steps s ON s.sequence_id = e.sequence_id AND s.version = e.version
                 AND s.position = e.next_position
WHERE e.lead_id = :leadId
ORDER BY e.id DESC
LIMIT 100
