-- Creates the leads that do not exist yet and gives the known ones the row's tags and, with
-- :update, the row's non-empty values, as capture's upsert fills them, in one pass over the
-- email index. A new lead is active, or starts as bounced, complained or unsubscribed when its
-- address is on the suppression list, as in capture. A known lead keeps its status, and an
-- erased lead is left alone. No lead is enrolled: the import gave no consent through Tendril.
-- Each new lead gets an 'import' event naming its line, and each tag a known lead gains a
-- 'tag' event, as a lead edit records it. The sub-statements of one WITH see the leads as they
-- were before it, so the old tags come from reading leads again. Returns the leads created and
-- the known leads changed.
WITH upserted AS (
    INSERT INTO leads AS l (email, email_key, name, phone, company, attributes, time_zone,
                            status, unsubscribed_at, tags, stage)
    SELECT r.email, r.email_key, COALESCE(r.name, ''), COALESCE(r.phone, ''),
           COALESCE(r.company, ''), r.attributes, r.time_zone,
           CASE WHEN s.reason IS NULL THEN 'active'
                WHEN s.reason = 'bounce' THEN 'bounced'
                WHEN s.reason = 'complaint' THEN 'complained'
                ELSE 'unsubscribed' END,
           CASE WHEN s.reason IS NOT NULL AND s.reason <> 'bounce' THEN now() END,
           r.tags, COALESCE(r.stage, 'new')
    FROM import_rows r
    LEFT JOIN suppressions s ON s.email_key = r.email_key
    -- Two imports that share addresses lock their leads in the same order, so neither waits
    -- for the other in a cycle; the email index also takes the keys in order.
    ORDER BY r.email_key
    ON CONFLICT (email_key) DO UPDATE SET
        email      = CASE WHEN :update THEN EXCLUDED.email ELSE l.email END,
        name       = CASE WHEN :update THEN COALESCE(NULLIF(EXCLUDED.name, ''), l.name)
                          ELSE l.name END,
        phone      = CASE WHEN :update THEN COALESCE(NULLIF(EXCLUDED.phone, ''), l.phone)
                          ELSE l.phone END,
        company    = CASE WHEN :update THEN COALESCE(NULLIF(EXCLUDED.company, ''), l.company)
                          ELSE l.company END,
        time_zone  = CASE WHEN :update THEN COALESCE(EXCLUDED.time_zone, l.time_zone)
                          ELSE l.time_zone END,
        attributes = CASE WHEN :update THEN l.attributes || EXCLUDED.attributes
                          ELSE l.attributes END,
        tags       = l.tags || ARRAY(SELECT t FROM unnest(EXCLUDED.tags) AS t
                                     WHERE t <> ALL (l.tags)),
        updated_at = now()
    WHERE l.status <> 'erased'
      AND (:update OR NOT EXCLUDED.tags <@ l.tags)
    RETURNING l.id, l.email_key, l.tags, (l.xmax = 0) AS created
),
import_events AS (
    INSERT INTO events (lead_id, type, human, data)
    SELECT u.id, 'import', true, jsonb_build_object('import_id', :importId, 'line', r.line)
    FROM upserted u
    JOIN import_rows r ON r.email_key = u.email_key
    WHERE u.created
),
tag_events AS (
    INSERT INTO events (lead_id, type, human, data)
    SELECT u.id, 'tag', true,
           jsonb_build_object('tag', t, 'added', true, 'source', 'import', 'import_id', :importId)
    FROM upserted u
    JOIN leads old ON old.id = u.id
    CROSS JOIN LATERAL unnest(u.tags) AS t
    WHERE NOT u.created
      AND t <> ALL (old.tags)
)
SELECT count(*) FILTER (WHERE created) AS created, count(*) FILTER (WHERE NOT created) AS updated
FROM upserted
