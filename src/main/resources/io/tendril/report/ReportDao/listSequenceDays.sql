-- One row per day from :from to :to with the sequence's sends, unique human opens and clicks
-- and conversions of that day, zeros included, for a chart.
WITH figures AS (
    SELECT d.day, sum(d.sent) AS sent, sum(d.bounced) AS bounced,
           sum(d.human_opens) AS human_opens, sum(d.human_clicks) AS human_clicks
    FROM report_step_days d
    JOIN steps s ON s.id = d.step_id
    WHERE s.sequence_id = :sequenceId
      AND d.day BETWEEN :from AND :to
    GROUP BY d.day
),
converted AS (
    SELECT day, sum(conversions) AS conversions
    FROM report_conversion_days
    WHERE sequence_id = :sequenceId
      AND day BETWEEN :from AND :to
    GROUP BY day
)
SELECT to_char(g.day, 'YYYY-MM-DD') AS day,
       CAST(COALESCE(f.sent, 0) AS bigint) AS sent,
       CAST(COALESCE(f.bounced, 0) AS bigint) AS bounced,
       CAST(COALESCE(f.human_opens, 0) AS bigint) AS human_opens,
       CAST(COALESCE(f.human_clicks, 0) AS bigint) AS human_clicks,
       CAST(COALESCE(c.conversions, 0) AS bigint) AS conversions
FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') AS g(day)
LEFT JOIN figures f ON f.day = CAST(g.day AS date)
LEFT JOIN converted c ON c.day = CAST(g.day AS date)
ORDER BY g.day
