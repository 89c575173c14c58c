-- Records a consent and returns its id. Consent given on a single opt-in form is final at
-- once, so it also gets its 'consent' event now; under double opt-in the event waits for the
-- confirmation.
WITH consent AS (
    INSERT INTO consents (lead_id, form_id, submission_id, consent_text, consent_version,
                          ip_hash, double_opt_in)
    VALUES (:leadId, :formId, :submissionId, :consentText, :consentVersion, :ipHash,
            :doubleOptIn)
    RETURNING id, lead_id, consent_version
),
recorded AS (
    INSERT INTO events (lead_id, type, submission_id, data)
    SELECT lead_id, 'consent', CAST(:submissionId AS bigint),
           jsonb_build_object('consent_id', id, 'confirmed', false,
                              'consent_version', consent_version)
    FROM consent
    WHERE NOT CAST(:doubleOptIn AS boolean)
)
SELECT id FROM consent
