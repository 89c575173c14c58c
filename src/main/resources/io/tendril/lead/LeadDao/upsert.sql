-- Creates the lead, or updates it with the newer non-empty values: an empty value never erases
-- what the lead gave before. first_touch is set once; last_touch follows each attributed
-- visit. A new lead starts as :status ('pending' under double opt-in); a pending lead becomes
-- active when it signs up through a single opt-in form. A new lead whose address is on the
-- suppression list starts as bounced, complained or unsubscribed instead, by the
-- suppression's reason, so it is never enrolled. The form's tags are added and its stage, when
-- it sets one, replaces the lead's.
WITH suppressed AS (
    SELECT CASE reason WHEN 'bounce' THEN 'bounced'
                       WHEN 'complaint' THEN 'complained'
                       ELSE 'unsubscribed' END AS status
    FROM suppressions
    WHERE email_key = :emailKey
)
INSERT INTO leads AS l (email, email_key, name, phone, company, attributes, time_zone,
                        first_touch, last_touch, status, unsubscribed_at, tags, stage)
SELECT CAST(:email AS text), CAST(:emailKey AS text), CAST(:name AS text),
       CAST(:phone AS text), CAST(:company AS text), CAST(:attributes AS jsonb),
       CAST(:timeZone AS text), CAST(:touch AS jsonb), CAST(:touch AS jsonb),
       COALESCE(s.status, CAST(:status AS text)),
       CASE WHEN s.status IN ('unsubscribed', 'complained') THEN now() END,
       :tags, COALESCE(CAST(:stage AS text), 'new')
FROM (SELECT 1) AS one
LEFT JOIN suppressed s ON true
ON CONFLICT (email_key) DO UPDATE SET
    email      = EXCLUDED.email,
    name       = COALESCE(NULLIF(EXCLUDED.name, ''), l.name),
    phone      = COALESCE(NULLIF(EXCLUDED.phone, ''), l.phone),
    company    = COALESCE(NULLIF(EXCLUDED.company, ''), l.company),
    attributes = l.attributes || EXCLUDED.attributes,
    time_zone  = COALESCE(EXCLUDED.time_zone, l.time_zone),
    first_touch = CASE WHEN l.first_touch = '{}' THEN EXCLUDED.first_touch ELSE l.first_touch END,
    last_touch = CASE WHEN EXCLUDED.last_touch = '{}' THEN l.last_touch
                      ELSE EXCLUDED.last_touch END,
    status     = CASE WHEN l.status = 'pending' AND EXCLUDED.status = 'active' THEN 'active'
                      ELSE l.status END,
    tags       = l.tags || ARRAY(SELECT t FROM unnest(EXCLUDED.tags) AS t
                                 WHERE t <> ALL (l.tags)),
    stage      = CASE WHEN CAST(:stage AS text) IS NULL THEN l.stage ELSE EXCLUDED.stage END,
    updated_at = now()
RETURNING id, status, (xmax = 0) AS created
