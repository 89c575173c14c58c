SELECT id, email, name, company, attributes::text AS attributes_json
FROM leads
WHERE id = :leadId
  AND status <> 'erased'
