UPDATE enrollments
SET status = 'exited', exit_reason = :reason, next_due_at = NULL, ended_at = :now,
    updated_at = :now
WHERE lead_id = :leadId
  AND status IN ('active', 'paused')
