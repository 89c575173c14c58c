-- A version is written once: the new step rows go in under the number this returns, so that
-- running enrollments keep the steps of the version they started on.
UPDATE sequences
SET version = version + 1, updated_at = :now
WHERE id = :id
RETURNING version
