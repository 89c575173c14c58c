-- The leads to export, oldest first; erased leads have nothing left to export.
SELECT id, email, name, phone, company, time_zone, stage, tags, score, status, created_at,
       first_touch ->> 'utm_source' AS utm_source,
       first_touch ->> 'utm_medium' AS utm_medium,
       first_touch ->> 'utm_campaign' AS utm_campaign,
       attributes::text AS attributes
FROM leads
WHERE status <> 'erased'
  AND (CAST(:status AS text) IS NULL OR status = :status)
  AND (CAST(:stage AS text) IS NULL OR stage = :stage)
  AND (CAST(:tag AS text) IS NULL OR tags @> ARRAY[CAST(:tag AS text)])
ORDER BY id
