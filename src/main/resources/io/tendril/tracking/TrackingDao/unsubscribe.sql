-- Unsubscribes the lead of a message. Returns the lead id only when its status changed, so a
-- repeated unsubscribe records no second event.
UPDATE leads l
SET status = 'unsubscribed', unsubscribed_at = :now, updated_at = :now
FROM messages m
WHERE m.id = :messageId
  AND l.id = m.lead_id
  AND l.status IN ('active', 'pending')
RETURNING l.id
