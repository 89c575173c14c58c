-- Creates the leads that do not exist yet, each with an 'import' event naming its line. A new
-- lead is active, or starts as bounced, complained or unsubscribed when its address is on the
-- suppression list, as capture's upsert does. No lead is enrolled: the import gave no consent
-- through Tendril. Returns the number of leads created.
WITH created AS (
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
    FROM import_latest r
    LEFT JOIN suppressions s ON s.email_key = r.email_key
    ON CONFLICT (email_key) DO NOTHING
    RETURNING l.id, l.email_key
),
import_events AS (
    INSERT INTO events (lead_id, type, human, data)
    SELECT c.id, 'import', false, jsonb_build_object('import_id', :importId, 'line', r.line)
    FROM created c
    JOIN import_latest r ON r.email_key = c.email_key
)
SELECT count(*) FROM created
