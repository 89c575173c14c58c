SELECT s.id, f.slug AS form_slug, s.form_version, s.status, s.payload::text AS payload,
       s.utm_source, s.utm_medium, s.utm_campaign, s.utm_term, s.utm_content, s.gclid,
       s.referrer, s.page_url, s.created_at
FROM submissions s
JOIN forms f ON f.id = s.form_id
WHERE s.lead_id = :leadId
ORDER BY s.id
LIMIT :limit
