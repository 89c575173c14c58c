INSERT INTO submissions (form_id, lead_id, payload, utm_source, utm_medium, utm_campaign,
                         utm_term, utm_content, gclid, referrer, page_url, user_agent, ip_hash)
VALUES (:formId, :leadId, CAST(:payload AS jsonb), :utm_source, :utm_medium, :utm_campaign,
        :utm_term, :utm_content, :gclid, :referrer, :page_url, :userAgent, :ipHash)
RETURNING id
