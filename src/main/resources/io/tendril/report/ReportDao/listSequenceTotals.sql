-- Each sequence's email figures and conversions for the days :from to :to (UTC, inclusive).
WITH figures AS (
    SELECT s.sequence_id,
           sum(d.sent) AS sent, sum(d.failed) AS failed, sum(d.bounced) AS bounced,
           sum(d.complaints) AS complaints, sum(d.unsubscribes) AS unsubscribes,
           sum(d.human_opens) AS human_opens, sum(d.human_clicks) AS human_clicks,
           sum(d.machine_opens) AS machine_opens, sum(d.machine_clicks) AS machine_clicks
    FROM report_step_days d
    JOIN steps s ON s.id = d.step_id
    WHERE d.day BETWEEN :from AND :to
    GROUP BY s.sequence_id
),
converted AS (
    SELECT sequence_id, sum(conversions) AS conversions
    FROM report_conversion_days
    WHERE day BETWEEN :from AND :to
    GROUP BY sequence_id
)
SELECT q.id, q.key, q.name, q.status, q.version,
       CAST(COALESCE(f.sent, 0) AS bigint) AS sent,
       CAST(COALESCE(f.failed, 0) AS bigint) AS failed,
       CAST(COALESCE(f.bounced, 0) AS bigint) AS bounced,
       CAST(COALESCE(f.complaints, 0) AS bigint) AS complaints,
       CAST(COALESCE(f.unsubscribes, 0) AS bigint) AS unsubscribes,
       CAST(COALESCE(f.human_opens, 0) AS bigint) AS human_opens,
       CAST(COALESCE(f.human_clicks, 0) AS bigint) AS human_clicks,
       CAST(COALESCE(f.machine_opens, 0) AS bigint) AS machine_opens,
       CAST(COALESCE(f.machine_clicks, 0) AS bigint) AS machine_clicks,
       CAST(COALESCE(c.conversions, 0) AS bigint) AS conversions
FROM sequences q
LEFT JOIN figures f ON f.sequence_id = q.id
LEFT JOIN converted c ON c.sequence_id = q.id
WHERE CAST(:sequenceId AS bigint) IS NULL OR q.id = :sequenceId
ORDER BY q.name, q.id
