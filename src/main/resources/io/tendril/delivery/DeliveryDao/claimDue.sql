-- Claims work for one node in one statement: due enrollments (a new 'sending' message each) and
-- queued messages whose retry time has come (back to 'sending'). Rows another node has locked are
-- skipped. Each claimed enrollment moves to its next step or completes, and the final SELECT
-- returns what the sender needs to render each message. PostgreSQL runs every data-modifying
-- CTE to completion whether or not the final SELECT reads it. Retries come first, and both
-- kinds together are at most :limit.
WITH retry AS (
    SELECT m.id AS message_id, e.id, e.sequence_id, e.next_position
    FROM messages m
    JOIN enrollments e ON e.id = m.enrollment_id
    JOIN leads l ON l.id = m.lead_id
    WHERE m.status = 'queued'
      AND m.next_attempt_at <= :now
      AND e.status = 'active'
      AND l.status = 'active'
    ORDER BY m.next_attempt_at
    LIMIT :limit
    FOR UPDATE OF m, e SKIP LOCKED
),
due AS (
    SELECT e.id, e.lead_id, e.sequence_id, e.next_position
    FROM enrollments e
    WHERE e.status = 'active'
      AND e.next_due_at <= :now
      -- A step is not started while the previous one waits for a retry or is being sent.
      AND NOT EXISTS (
          SELECT 1 FROM messages m
          WHERE m.enrollment_id = e.id AND m.status IN ('queued', 'sending')
      )
    ORDER BY e.next_due_at
    LIMIT :limit - (SELECT count(*) FROM retry)
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
resent AS (
    UPDATE messages m
    SET status = 'sending', node_id = :nodeId, attempts = m.attempts + 1,
        next_attempt_at = NULL, updated_at = :now
    FROM retry
    WHERE m.id = retry.message_id
    RETURNING m.id, m.enrollment_id, m.step_id, m.lead_id
),
claimed AS (
    SELECT id, sequence_id, next_position FROM due
    UNION ALL
    SELECT id, sequence_id, next_position FROM retry
),
advanced AS (
    UPDATE enrollments e
    SET next_position = claimed.next_position + 1,
        next_due_at   = CASE WHEN nxt.id IS NULL THEN NULL
                             ELSE CAST(:now AS timestamptz)
                                  + make_interval(mins => nxt.delay_minutes) END,
        status        = CASE WHEN nxt.id IS NULL THEN 'completed' ELSE 'active' END,
        ended_at      = CASE WHEN nxt.id IS NULL THEN CAST(:now AS timestamptz) END,
        updated_at    = :now
    FROM claimed
    LEFT JOIN steps nxt ON nxt.sequence_id = claimed.sequence_id
                       AND nxt.position = claimed.next_position + 1
    WHERE e.id = claimed.id
),
sending AS (
    SELECT id, enrollment_id, step_id, lead_id FROM inserted
    UNION ALL
    SELECT id, enrollment_id, step_id, lead_id FROM resent
)
SELECT i.id AS message_id, i.enrollment_id, i.step_id, i.lead_id,
       l.email, l.name, l.company, l.attributes::text AS attributes_json,
       q.name AS sequence_name, s.subject_template, s.html_template, s.text_template
FROM sending i
JOIN leads l ON l.id = i.lead_id
JOIN steps s ON s.id = i.step_id
JOIN sequences q ON q.id = s.sequence_id
ORDER BY i.id
