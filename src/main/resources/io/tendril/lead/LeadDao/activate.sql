-- Makes a pending or unsubscribed lead active again after it confirmed a double opt-in: the
-- confirmation is fresh, explicit consent. Bounced, complained and erased leads stay as they are.
UPDATE leads
SET status = 'active', unsubscribed_at = NULL, updated_at = CAST(:now AS timestamptz)
WHERE id = :id
  AND status IN ('pending', 'unsubscribed')
