-- Keyset pagination by email key, so an export of any size runs in pages.
SELECT email_key, reason, source, detail, lead_id, created_at
FROM suppressions
WHERE email_key > :afterKey
ORDER BY email_key
LIMIT :limit
