-- Keyset pagination by email key, so an export of any size runs in pages. Leads unsubscribed
-- through a link or the preferences page have no suppression row, yet are never mailed until
-- they sign up and confirm again, so they are listed too, with reason 'unsubscribe'.
SELECT email_key, reason, source, detail, lead_id, created_at
FROM (
    SELECT email_key, reason, source, detail, lead_id, created_at
    FROM suppressions
    WHERE email_key > :afterKey
    UNION ALL
    SELECT l.email_key, 'unsubscribe', 'lead', '', l.id,
           COALESCE(l.unsubscribed_at, l.updated_at)
    FROM leads l
    WHERE l.status = 'unsubscribed'
      AND l.email_key > :afterKey
      AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_key = l.email_key)
) listed
ORDER BY email_key
LIMIT :limit
