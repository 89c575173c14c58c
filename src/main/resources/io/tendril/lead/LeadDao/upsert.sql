-- Creates the lead, or updates it with the newer non-empty values: an empty value never erases
-- what the lead gave before. first_touch is set once; last_touch follows each attributed
-- visit. A new lead starts as :status ('pending' under double opt-in); a pending lead becomes
-- active when it signs up through a single opt-in form. The form's tags are added and its
-- stage, when it sets one, replaces the lead's.
INSERT INTO leads AS l (email, email_key, name, phone, company, attributes, time_zone,
                        first_touch, last_touch, status, tags, stage)
VALUES (:email, :emailKey, :name, :phone, :company, CAST(:attributes AS jsonb), :timeZone,
        CAST(:touch AS jsonb), CAST(:touch AS jsonb), :status, :tags,
        COALESCE(:stage, 'new'))
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
