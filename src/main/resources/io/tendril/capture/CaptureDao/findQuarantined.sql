SELECT id, form_id, form_version, spam_reason, payload::text AS payload, ip_hash, user_agent,
       created_at
FROM submissions
WHERE id = :id
  AND form_id = :formId
  AND status = 'quarantined'
FOR UPDATE
