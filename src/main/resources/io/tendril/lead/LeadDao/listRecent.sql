-- The newest leads first. With :before, only leads older than that lead id: a client pages
-- through every lead by passing the last id of each page. A null :status, :stage or :tag does
-- not filter.
SELECT id, email, name, phone, company, attributes::text AS attributes, time_zone, stage, score,
       tags, status, first_touch::text AS first_touch, last_touch::text AS last_touch,
       created_at, updated_at
FROM leads
WHERE (CAST(:before AS bigint) IS NULL OR id < :before)
  AND (CAST(:status AS text) IS NULL OR status = :status)
  AND (CAST(:stage AS text) IS NULL OR stage = :stage)
  AND (CAST(:tag AS text) IS NULL OR tags @> ARRAY[CAST(:tag AS text)])
ORDER BY id DESC
LIMIT :limit
