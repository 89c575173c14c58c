INSERT INTO events (lead_id, type, message_id, submission_id, human, data)
VALUES (:leadId, :type, :messageId, :submissionId, :human, CAST(:data AS jsonb))
