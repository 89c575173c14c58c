SELECT id, slug, name, fields::text AS fields, allowed_origins, sequence_id, consent_text,
       consent_version, thank_you_url, thank_you_message
FROM forms
WHERE slug = :slug
  AND status = 'active'
