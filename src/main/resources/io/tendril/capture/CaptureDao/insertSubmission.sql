INSERT INTO submissions (form_id, form_version, lead_id, status, spam_reason, payload,
                         utm_source, utm_medium, utm_campaign, utm_term, utm_content, gclid,
                         referrer, page_url, user_agent, ip_hash)
VALUES (:formId, :formVersion, :leadId, :status, :spamReason, CAST(:payload AS jsonb),
        :utm_source, :utm_medium, :utm_campaign, :utm_term, :utm_content, :gclid,
        :referrer, :page_url, :userAgent, :ipHash)
RETURNING id
