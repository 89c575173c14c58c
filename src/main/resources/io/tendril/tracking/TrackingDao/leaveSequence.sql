-- Ends the enrollment of the message's lead in one sequence; returns the lead id when one ended.
UPDATE enrollments e
SET status = 'exited', exit_reason = 'preferences', next_due_at = NULL, ended_at = :now,
    updated_at = :now
FROM messages m
WHERE m.id = :messageId
  AND e.lead_id = m.lead_id
  AND e.sequence_id = :sequenceId
  AND e.status IN ('active', 'paused')
RETURNING e.lead_id
