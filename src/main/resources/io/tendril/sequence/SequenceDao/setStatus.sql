-- Moves a sequence between 'active' and 'paused'; a trigger pauses or resumes its enrollments
-- in the same transaction. Returns the status after the call (unchanged when the move does not
-- apply), or nothing when the sequence does not exist.
WITH moved AS (
    UPDATE sequences
    SET status = :to, updated_at = :now
    WHERE id = :id
      AND status = :from
    RETURNING id, status
)
SELECT status FROM moved
UNION ALL
SELECT status FROM sequences
WHERE id = :id
  AND NOT EXISTS (SELECT 1 FROM moved)
