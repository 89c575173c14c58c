-- The newest leads whose address, name or company contains :pattern (an ILIKE pattern), older
-- than lead :before when set. An exact address finds its lead through the email_key index. A
-- null :status, :stage or :tag does not filter.
SELECT id, email, name, phone, company, attributes::text AS attributes, time_zone, stage, score,
       tags, status, first_touch::text AS first_touch, last_touch::text AS last_touch,
       created_at, updated_at
FROM leads
WHERE (CAST(:before AS bigint) IS NULL OR id < :before)
  AND (email_key = :exact OR email ILIKE :pattern OR name ILIKE :pattern
       OR company ILIKE :pattern)
  AND (CAST(:status AS text) IS NULL OR status = :status)
  AND (CAST(:stage AS text) IS NULL OR stage = :stage)
  AND (CAST(:tag AS text) IS NULL OR tags @> ARRAY[CAST(:tag AS text)])
ORDER BY id DESC
LIMIT :limit
