INSERT INTO suppressions (email_key, reason, source, detail, lead_id, created_at)
VALUES (:emailKey, :reason, :source, :detail, :leadId, :now)
ON CONFLICT (email_key) DO NOTHING
RETURNING email_key
