UPDATE sequences
SET status = 'paused', updated_at = :now
WHERE id = :sequenceId
  AND status = 'active'
RETURNING name
