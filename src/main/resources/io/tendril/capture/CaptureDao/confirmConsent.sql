-- Returns 1 for the first confirmation only, so a repeated POST changes nothing.
UPDATE consents
SET confirmed_at = CAST(:now AS timestamptz)
WHERE id = :id
  AND confirmed_at IS NULL
