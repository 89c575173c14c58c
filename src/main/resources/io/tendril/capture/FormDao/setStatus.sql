UPDATE forms
SET status = :status, updated_at = CAST(:now AS timestamptz)
WHERE id = :id
