INSERT INTO forms (slug, name, fields, allowed_origins, sequence_id, consent_text,
                   consent_version, thank_you_message)
VALUES (:slug, :name, CAST(:fields AS jsonb), CAST(:allowedOrigins AS text[]), :sequenceId,
        :consentText, :consentVersion, :thankYouMessage)
ON CONFLICT (slug) DO NOTHING
