-- The email figures of each email step for the days :from to :to, of one sequence or of all
-- when :sequenceId is null. Steps of older versions appear when they have figures in the range.
WITH figures AS (
    SELECT step_id,
           sum(sent) AS sent, sum(failed) AS failed, sum(bounced) AS bounced,
           sum(complaints) AS complaints, sum(unsubscribes) AS unsubscribes,
           sum(human_opens) AS human_opens, sum(human_clicks) AS human_clicks,
           sum(machine_opens) AS machine_opens, sum(machine_clicks) AS machine_clicks
    FROM report_step_days
    WHERE day BETWEEN :from AND :to
    GROUP BY step_id
)
SELECT s.id, s.sequence_id, s.version, s.position, s.name, s.subject_template AS subject,
       CAST(COALESCE(f.sent, 0) AS bigint) AS sent,
       CAST(COALESCE(f.failed, 0) AS bigint) AS failed,
       CAST(COALESCE(f.bounced, 0) AS bigint) AS bounced,
       CAST(COALESCE(f.complaints, 0) AS bigint) AS complaints,
       CAST(COALESCE(f.unsubscribes, 0) AS bigint) AS unsubscribes,
       CAST(COALESCE(f.human_opens, 0) AS bigint) AS human_opens,
       CAST(COALESCE(f.human_clicks, 0) AS bigint) AS human_clicks,
       CAST(COALESCE(f.machine_opens, 0) AS bigint) AS machine_opens,
       CAST(COALESCE(f.machine_clicks, 0) AS bigint) AS machine_clicks
FROM steps s
JOIN sequences q ON q.id = s.sequence_id
LEFT JOIN figures f ON f.step_id = s.id
WHERE s.action = 'email'
  AND (CAST(:sequenceId AS bigint) IS NULL OR s.sequence_id = :sequenceId)
  AND (s.version = q.version OR f.step_id IS NOT NULL)
ORDER BY s.sequence_id, s.version DESC, s.position
