-- Temporary SMTP rejections (4xx): each message goes back to 'queued' with exponential backoff
-- (base, 2 x base, 4 x base ... after attempts 1, 2, 3 ...), or fails once it has had
-- :maxAttempts attempts. The enrollment has already moved on, but its next step is not
-- started while a message of it is queued or sending.
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
)
INSERT INTO events (lead_id, type, message_id, data, occurred_at)
SELECT lead_id, 'failed', id,
       jsonb_build_object('error', error, 'attempts', attempts, 'temporary', true), :now
FROM deferred
WHERE status = 'failed'
