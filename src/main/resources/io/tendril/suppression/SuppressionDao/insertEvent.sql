INSERT INTO events (lead_id, type, message_id, data, occurred_at)
VALUES (:leadId, :type, :messageId, CAST(:data AS jsonb), :now)
