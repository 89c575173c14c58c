-- Gives the leads that already exist the import's and the row's tags, and with :update also
-- the row's non-empty values, as capture's upsert fills them. A lead's status never changes
-- here, and an erased lead is left alone. Each added tag and a changed stage get an event, as
-- a lead edit records them. Returns the number of leads changed.
WITH known AS (
    SELECT l.id, r.line, r.email, r.name, r.phone, r.company, r.time_zone, r.stage,
           r.attributes, l.stage AS old_stage,
           ARRAY(SELECT t FROM unnest(r.tags) AS t WHERE t <> ALL (l.tags)) AS added
    FROM import_latest r
    JOIN leads l ON l.email_key = r.email_key
    WHERE l.status <> 'erased'
),
changed AS (
    UPDATE leads l
    SET email      = CASE WHEN :update THEN k.email ELSE l.email END,
        name       = CASE WHEN :update THEN COALESCE(k.name, l.name) ELSE l.name END,
        phone      = CASE WHEN :update THEN COALESCE(k.phone, l.phone) ELSE l.phone END,
        company    = CASE WHEN :update THEN COALESCE(k.company, l.company) ELSE l.company END,
        time_zone  = CASE WHEN :update THEN COALESCE(k.time_zone, l.time_zone)
                          ELSE l.time_zone END,
        stage      = CASE WHEN :update THEN COALESCE(k.stage, l.stage) ELSE l.stage END,
        attributes = CASE WHEN :update THEN l.attributes || k.attributes ELSE l.attributes END,
        tags       = l.tags || k.added,
        updated_at = now()
    FROM known k
    WHERE l.id = k.id
      AND (:update OR cardinality(k.added) > 0)
    RETURNING l.id, l.stage, k.old_stage, k.added
),
tag_events AS (
    INSERT INTO events (lead_id, type, human, data)
    SELECT c.id, 'tag', false,
           jsonb_build_object('tag', t, 'added', true, 'source', 'import', 'import_id', :importId)
    FROM changed c
    CROSS JOIN LATERAL unnest(c.added) AS t
),
stage_events AS (
    INSERT INTO events (lead_id, type, human, data)
    SELECT c.id, 'stage', false,
           jsonb_build_object('stage', c.stage, 'from', c.old_stage, 'source', 'import',
                              'import_id', :importId)
    FROM changed c
    WHERE c.stage <> c.old_stage
)
SELECT count(*) FROM changed
