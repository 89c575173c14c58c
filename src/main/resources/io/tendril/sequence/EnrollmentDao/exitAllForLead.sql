-- Ends the lead's running enrollments for :reason, with an 'exit' event each on its timeline,
-- and returns how many ended.
WITH ended AS (
    UPDATE enrollments
    SET status = 'exited', exit_reason = :reason, next_due_at = NULL, ended_at = :now,
        updated_at = :now
    WHERE lead_id = :leadId
      AND status IN ('active', 'paused')
    RETURNING id, sequence_id
)
INSERT INTO events (lead_id, type, data, occurred_at)
SELECT :leadId, 'exit', jsonb_build_object('enrollment_id', id, 'sequence_id', sequence_id,
                                           'reason', CAST(:reason AS text)), :now
FROM ended
