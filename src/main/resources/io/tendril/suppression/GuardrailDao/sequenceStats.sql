-- Counts the sequence's messages sent since :since, and the hard bounces and complaints
-- recorded against those messages.
WITH sent AS (
    SELECT m.id
    FROM messages m
    JOIN steps s ON s.id = m.step_id
    WHERE s.sequence_id = :sequenceId
      AND m.sent_at >= :since
)
SELECT (SELECT count(*) FROM sent) AS sends,
       (SELECT count(DISTINCT e.message_id) FROM events e JOIN sent ON sent.id = e.message_id
        WHERE e.type = 'bounce' AND e.data ->> 'kind' = 'hard') AS bounces,
       (SELECT count(DISTINCT e.message_id) FROM events e JOIN sent ON sent.id = e.message_id
        WHERE e.type = 'complaint') AS complaints
