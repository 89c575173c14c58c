-- Claims messages deferred by a temporary SMTP reply whose retry time has come: each goes back
-- to 'sending' under this node before the next SMTP call. A message of a paused enrollment
-- waits for the resume; one of a lead that is no longer active is not retried here (the
-- enrollment's exit fails it). Rows another node has locked are skipped. The Message-ID is
-- cleared until the retry is rendered again (see requeueOrphans.sql).
WITH retry AS (
    SELECT m.id
    FROM messages m
    JOIN enrollments e ON e.id = m.enrollment_id
    JOIN leads l ON l.id = m.lead_id
    WHERE m.status = 'queued'
      AND m.next_attempt_at <= :now
      AND e.status IN ('active', 'completed')
      AND l.status = 'active'
    ORDER BY m.next_attempt_at
    LIMIT :limit
    FOR UPDATE OF m SKIP LOCKED
),
claimed AS (
    UPDATE messages m
    SET status = 'sending', node_id = :nodeId, attempts = m.attempts + 1,
        next_attempt_at = NULL, smtp_message_id = NULL, updated_at = :now
    FROM retry
    WHERE m.id = retry.id
    RETURNING m.id, m.enrollment_id, m.step_id, m.lead_id
)
SELECT c.id AS message_id, c.enrollment_id, c.step_id, c.lead_id,
       l.email, l.name, l.company, l.attributes::text AS attributes_json,
       q.name AS sequence_name, s.subject_template, s.html_template, s.text_template
FROM claimed c
JOIN leads l ON l.id = c.lead_id
JOIN steps s ON s.id = c.step_id
JOIN sequences q ON q.id = s.sequence_id
ORDER BY c.id
