SELECT id, email, name, phone, company, attributes::text AS attributes, time_zone, stage, score,
       tags, status, first_touch::text AS first_touch, last_touch::text AS last_touch,
       created_at, updated_at
FROM leads
WHERE id = :id
FOR UPDATE
