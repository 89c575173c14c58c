-- Adds each lead's points for the human events with ids in (:after, :upTo]: 5 for a
-- submission, 1 for the first human open of a message, 3 for its first human click (a click
-- also counts as the open), and minus 10 for an unsubscribe. It runs before rollUpMessages,
-- so that report_messages still says which opens and clicks are a message's first.
WITH batch AS (
    SELECT lead_id, type, message_id
    FROM events
    WHERE id > :after
      AND id <= :upTo
      AND human
      AND type IN ('submit', 'open', 'click', 'unsubscribe')
),
engaged AS (
    SELECT lead_id, message_id, bool_or(type = 'click') AS clicked
    FROM batch
    WHERE message_id IS NOT NULL
      AND type IN ('open', 'click')
    GROUP BY lead_id, message_id
),
points AS (
    SELECT lead_id, 5 * count(*) FILTER (WHERE type = 'submit')
                    - 10 * count(*) FILTER (WHERE type = 'unsubscribe') AS points
    FROM batch
    GROUP BY lead_id
    UNION ALL
    SELECT e.lead_id, CASE WHEN r.human_opened_at IS NULL THEN 1 ELSE 0 END
                      + CASE WHEN e.clicked AND r.human_clicked_at IS NULL THEN 3 ELSE 0 END
    FROM engaged e
    LEFT JOIN report_messages r ON r.message_id = e.message_id
),
totals AS (
    SELECT lead_id, sum(points) AS points
    FROM points
    GROUP BY lead_id
    HAVING sum(points) <> 0
)
UPDATE leads l
SET score = l.score + t.points
FROM totals t
WHERE l.id = t.lead_id
  AND l.status <> 'erased'
