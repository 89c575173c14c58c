-- Temporary SMTP rejections (4xx): each message goes back to 'queued' with exponential backoff
-- (base, 2 x base, 4 x base ... after attempts 1, 2, 3 ...), or fails once it has had
-- :maxAttempts attempts. A queued message keeps its enrollment at its step. The claim moved
-- the enrollment on, so it moves back and leaves the due queue until the retry is claimed.
WITH deferred AS (
    UPDATE messages m
    SET status          = CASE WHEN m.attempts >= :maxAttempts THEN 'failed' ELSE 'queued' END,
        next_attempt_at = CASE WHEN m.attempts >= :maxAttempts THEN NULL
                               ELSE CAST(:now AS timestamptz) + make_interval(
                                   secs => :backoffSeconds * power(2, m.attempts - 1)) END,
        subject = u.subject, error = u.error, updated_at = :now
    FROM unnest(CAST(:ids AS bigint[]), CAST(:subjects AS text[]), CAST(:errors AS text[]))
         AS u(id, subject, error)
    WHERE m.id = u.id
      AND m.status = 'sending'
    RETURNING m.id, m.enrollment_id, m.step_id, m.lead_id, m.status, m.attempts, u.error
),
held AS (
    UPDATE enrollments e
    SET next_position = s.position,
        next_due_at   = NULL,
        status        = CASE WHEN e.status <> 'completed' THEN e.status
                             WHEN q.status = 'paused' THEN 'paused' ELSE 'active' END,
        ended_at      = NULL,
        updated_at    = :now
    FROM deferred d
    JOIN steps s ON s.id = d.step_id
    JOIN sequences q ON q.id = s.sequence_id
    WHERE d.status = 'queued'
      AND e.id = d.enrollment_id
      AND e.next_position = s.position + 1
      AND e.status IN ('active', 'paused', 'completed')
)
INSERT INTO events (lead_id, type, message_id, data, occurred_at)
SELECT lead_id, 'failed', id,
       jsonb_build_object('error', error, 'attempts', attempts, 'temporary', true), :now
FROM deferred
WHERE status = 'failed'
