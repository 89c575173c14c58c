-- Claims due enrollments for one node, in one statement: locks them (skipping rows another node
-- holds), writes a 'sending' message per enrollment and step, moves each enrollment to its next
-- step or completes it, and returns what the sender needs to render each message. PostgreSQL
-- runs every data-modifying CTE to completion whether or not the final SELECT reads it.
WITH due AS (
    SELECT e.id, e.lead_id, e.sequence_id, e.next_position
    FROM enrollments e
    WHERE e.status = 'active'
      AND e.next_due_at <= :now
    ORDER BY e.next_due_at
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
),
current_step AS (
    SELECT due.id AS enrollment_id, due.lead_id, s.id AS step_id
    FROM due
    JOIN steps s ON s.sequence_id = due.sequence_id AND s.position = due.next_position
    JOIN leads l ON l.id = due.lead_id AND l.status = 'active'
),
inserted AS (
    INSERT INTO messages (enrollment_id, step_id, lead_id, status, node_id, attempts, created_at,
                          updated_at)
    SELECT enrollment_id, step_id, lead_id, 'sending', :nodeId, 1, :now, :now
    FROM current_step
    ON CONFLICT (enrollment_id, step_id) DO NOTHING
    RETURNING id, enrollment_id, step_id, lead_id
),
advanced AS (
    UPDATE enrollments e
    SET next_position = due.next_position + 1,
        next_due_at   = CASE WHEN nxt.id IS NULL THEN NULL
                             ELSE CAST(:now AS timestamptz)
                                  + make_interval(mins => nxt.delay_minutes) END,
        status        = CASE WHEN nxt.id IS NULL THEN 'completed' ELSE 'active' END,
        ended_at      = CASE WHEN nxt.id IS NULL THEN CAST(:now AS timestamptz) END,
        updated_at    = :now
    FROM due
    LEFT JOIN steps nxt ON nxt.sequence_id = due.sequence_id
                       AND nxt.position = due.next_position + 1
    WHERE e.id = due.id
)
SELECT i.id AS message_id, i.enrollment_id, i.step_id, i.lead_id,
       l.email, l.name, l.company, l.attributes::text AS attributes_json,
       q.name AS sequence_name, s.subject_template, s.html_template, s.text_template
FROM inserted i
JOIN leads l ON l.id = i.lead_id
JOIN steps s ON s.id = i.step_id
JOIN sequences q ON q.id = s.sequence_id
ORDER BY i.id
