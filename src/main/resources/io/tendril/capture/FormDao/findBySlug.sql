SELECT id, slug, name, fields::text AS fields, allowed_origins, sequence_id, consent_text,
       consent_version, thank_you_url, thank_you_message, double_opt_in, tags, stage,
       landing::text AS landing, min_fill_seconds, require_render_token, pow_bits, ip_limit,
       ip_limit_seconds, email_limit, email_limit_seconds, status, version, created_at,
       updated_at
FROM forms
WHERE slug = :slug
