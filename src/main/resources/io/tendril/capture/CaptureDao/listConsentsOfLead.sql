SELECT c.id, f.slug AS form_slug, c.submission_id, c.consent_text, c.consent_version,
       c.double_opt_in, c.ip_hash, c.created_at, c.confirmed_at
FROM consents c
JOIN forms f ON f.id = c.form_id
WHERE c.lead_id = :leadId
ORDER BY c.id
LIMIT :limit
