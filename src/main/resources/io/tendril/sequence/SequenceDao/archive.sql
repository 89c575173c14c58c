UPDATE sequences
SET status = 'archived', updated_at = :now
WHERE id = :id
  AND status <> 'archived'
