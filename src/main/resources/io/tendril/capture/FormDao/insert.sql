INSERT INTO forms (slug, name, fields, allowed_origins, sequence_id, consent_text,
                   consent_version, thank_you_url, thank_you_message, double_opt_in, tags, stage,
                   landing, min_fill_seconds, require_render_token, pow_bits, ip_limit,
                   ip_limit_seconds, email_limit, email_limit_seconds, created_at, updated_at)
VALUES (:row.slug, :row.name, CAST(:row.fields AS jsonb), :row.allowedOrigins, :row.sequenceId,
        :row.consentText, :row.consentVersion, :row.thankYouUrl, :row.thankYouMessage,
        :row.doubleOptIn, :row.tags, :row.stage, CAST(:row.landing AS jsonb),
        :row.minFillSeconds, :row.requireRenderToken, :row.powBits, :row.ipLimit,
        :row.ipLimitSeconds, :row.emailLimit, :row.emailLimitSeconds,
        CAST(:now AS timestamptz), CAST(:now AS timestamptz))
ON CONFLICT (slug) DO NOTHING
RETURNING id
