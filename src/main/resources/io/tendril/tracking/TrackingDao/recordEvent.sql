-- Records an open or a click of a message on its lead's timeline; inserts nothing when the
-- message does not exist.
INSERT INTO events (lead_id, type, message_id, human, data, occurred_at)
SELECT lead_id, :type, id, :human, CAST(:data AS jsonb), :now
FROM messages
WHERE id = :messageId
