-- The released row keeps its quarantine reason and now names the lead it was recorded for.
UPDATE submissions
SET status = 'released', lead_id = :leadId
WHERE id = :id
  AND status = 'quarantined'
