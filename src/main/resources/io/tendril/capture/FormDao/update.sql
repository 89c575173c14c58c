-- The version check makes two concurrent edits of one form fail instead of losing one.
UPDATE forms
SET slug = :row.slug, name = :row.name, fields = CAST(:row.fields AS jsonb),
    allowed_origins = :row.allowedOrigins, sequence_id = :row.sequenceId,
    consent_text = :row.consentText, consent_version = :row.consentVersion,
    thank_you_url = :row.thankYouUrl, thank_you_message = :row.thankYouMessage,
    double_opt_in = :row.doubleOptIn, tags = :row.tags, stage = :row.stage,
    landing = CAST(:row.landing AS jsonb), min_fill_seconds = :row.minFillSeconds,
    require_render_token = :row.requireRenderToken, pow_bits = :row.powBits,
    ip_limit = :row.ipLimit, ip_limit_seconds = :row.ipLimitSeconds,
    email_limit = :row.emailLimit, email_limit_seconds = :row.emailLimitSeconds,
    version = version + 1, updated_at = CAST(:now AS timestamptz)
WHERE id = :id
  AND version = :version
