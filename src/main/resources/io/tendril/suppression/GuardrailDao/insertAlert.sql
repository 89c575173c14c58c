INSERT INTO alerts (kind, sequence_id, message, data, created_at)
VALUES (:kind, :sequenceId, :message, CAST(:data AS jsonb), :now)
