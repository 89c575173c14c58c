SELECT definition::text
FROM form_versions
WHERE form_id = :formId
  AND version = :version
