-- A complaint outranks a bounce, which outranks an unsubscribe: a lead never moves back down.
UPDATE leads
SET status = :status,
    unsubscribed_at = CASE WHEN :status IN ('unsubscribed', 'complained')
                           THEN COALESCE(unsubscribed_at, CAST(:now AS timestamptz))
                           ELSE unsubscribed_at END,
    updated_at = :now
WHERE id = :leadId
  AND status <> 'erased'
  AND status <> :status
  AND NOT (status = 'complained')
  AND NOT (status = 'bounced' AND :status = 'unsubscribed')
RETURNING id
