-- Reference Q: claim 500 due enrollments with FOR UPDATE SKIP LOCKED and mark them, the least
-- a due claim can do. Rolled back, like the Tendril claim it is compared with, so that the
-- queue stays the same size for every repetition.
BEGIN;
WITH due AS (
    SELECT id
    FROM enrollments
    WHERE status = 'active'
      AND next_due_at <= CAST(:now AS timestamptz)
    ORDER BY next_due_at
    LIMIT 500
    FOR UPDATE SKIP LOCKED
)
UPDATE enrollments e
SET status = 'completed', next_due_at = NULL, updated_at = CAST(:now AS timestamptz)
FROM due
WHERE e.id = due.id;
ROLLBACK;
