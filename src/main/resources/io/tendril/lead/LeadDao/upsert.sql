-- Creates the lead, or updates it with the newer non-empty values: an empty value never erases
-- what the lead told us before. first_touch is set once; last_touch follows each attributed visit.
INSERT INTO leads AS l (email, email_key, name, phone, company, attributes, time_zone,
                        first_touch, last_touch)
VALUES (:email, :emailKey, :name, :phone, :company, CAST(:attributes AS jsonb), :timeZone,
        CAST(:touch AS jsonb), CAST(:touch AS jsonb))
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
    updated_at = now()
RETURNING id, status, (xmax = 0) AS created
