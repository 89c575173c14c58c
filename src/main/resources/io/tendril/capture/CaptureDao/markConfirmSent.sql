UPDATE consents
SET confirm_sent_at = CAST(:now AS timestamptz)
WHERE id = :id
