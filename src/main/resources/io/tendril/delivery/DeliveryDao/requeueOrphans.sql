-- A 'sending' message with no Message-ID was claimed by a node that stopped before rendering
-- it, so it never reached SMTP. It goes back to 'queued', due now, and is sent as a retry that
-- does not count as an attempt. See markOrphansUnknown.sql for how a stopped node is found.
UPDATE messages m
SET status = 'queued', next_attempt_at = :now, attempts = greatest(m.attempts - 1, 0),
    node_id = NULL, updated_at = :now
WHERE m.status = 'sending'
  AND m.smtp_message_id IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM qrtz_scheduler_state s
      WHERE s.sched_name = :schedulerName AND s.instance_name = m.node_id
  )
RETURNING m.id
