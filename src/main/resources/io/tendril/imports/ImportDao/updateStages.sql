-- Sets the row's stage on known leads, for an import with update and a stage column, with a
-- 'stage' event for each change, as a lead edit records it. Leads this import created already
-- have their row's stage, so they do not change here.
WITH changed AS (
    UPDATE leads l
    SET stage = k.stage, updated_at = now()
    FROM (SELECT o.id, r.stage, o.stage AS old_stage
          FROM import_rows r
          JOIN leads o ON o.email_key = r.email_key
          WHERE r.stage IS NOT NULL
            AND o.stage <> r.stage
            AND o.status <> 'erased') AS k
    WHERE l.id = k.id
    RETURNING l.id, l.stage, k.old_stage
)
INSERT INTO events (lead_id, type, human, data)
SELECT c.id, 'stage', true,
       jsonb_build_object('stage', c.stage, 'from', c.old_stage, 'source', 'import',
                          'import_id', :importId)
FROM changed c
