INSERT INTO consents (lead_id, form_id, submission_id, consent_text, consent_version, ip_hash,
                      double_opt_in)
VALUES (:leadId, :formId, :submissionId, :consentText, :consentVersion, :ipHash, :doubleOptIn)
RETURNING id
