-- Ends every running enrollment of the sequence, as when it is archived.
WITH exited AS (
    UPDATE enrollments
    SET status = 'exited', exit_reason = :reason, next_due_at = NULL,
        ended_at = CAST(:now AS timestamptz), updated_at = CAST(:now AS timestamptz)
    WHERE sequence_id = :sequenceId
      AND status IN ('active', 'paused')
    RETURNING id, lead_id, sequence_id
),
logged AS (
    INSERT INTO events (lead_id, type, data)
    SELECT lead_id, 'exit', jsonb_build_object('enrollment_id', id, 'sequence_id', sequence_id,
                                               'reason', CAST(:reason AS text))
    FROM exited
)
SELECT count(*) FROM exited
