-- A node's id is its Quartz instance id. Quartz removes a node from qrtz_scheduler_state when it
-- shuts down cleanly or when the cluster sees it miss its check-ins, so a 'sending' message of a
-- node missing from that table will never be finished by it. Such a message with a Message-ID
-- was handed to SMTP, or was about to be, so whether it went out is unknown: it is not resent.
UPDATE messages m
SET status = 'unknown', updated_at = :now,
    error = 'The sending node stopped before recording the SMTP outcome; not resent.'
WHERE m.status = 'sending'
  AND m.smtp_message_id IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM qrtz_scheduler_state s
      WHERE s.sched_name = :schedulerName AND s.instance_name = m.node_id
  )
RETURNING m.id
