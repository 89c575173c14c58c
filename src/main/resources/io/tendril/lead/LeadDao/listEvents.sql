SELECT id, lead_id, type, message_id, submission_id, human, data::text AS data, occurred_at
FROM events
WHERE lead_id = :leadId
ORDER BY occurred_at, id
LIMIT :limit
