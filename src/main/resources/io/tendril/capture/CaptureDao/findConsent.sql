SELECT c.id, c.lead_id, c.form_id, c.consent_version, c.confirmed_at, l.status AS lead_status,
       l.email, l.name
FROM consents c
JOIN leads l ON l.id = c.lead_id
WHERE c.id = :id
