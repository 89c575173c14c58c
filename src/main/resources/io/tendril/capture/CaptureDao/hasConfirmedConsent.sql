SELECT EXISTS (
    SELECT 1 FROM consents
    WHERE lead_id = :leadId
      AND form_id = :formId
      AND confirmed_at IS NOT NULL
)
