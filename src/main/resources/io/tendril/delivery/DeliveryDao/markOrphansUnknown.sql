-- A node's id is its Quartz instance id. Quartz removes a node from qrtz_scheduler_state when it
-- shuts down cleanly or when the cluster sees it miss its check-ins, so a 'sending' message of a
-- node missing from that table will never be finished by it.
UPDATE messages m
SET status = 'unknown', updated_at = :now,
    error = 'The sending node stopped before recording the SMTP outcome; not resent.'
WHERE m.status = 'sending'
  AND NOT EXISTS (
      SELECT 1 FROM qrtz_scheduler_state s
      WHERE s.sched_name = :schedulerName AND s.instance_name = m.node_id
  )
RETURNING m.id
