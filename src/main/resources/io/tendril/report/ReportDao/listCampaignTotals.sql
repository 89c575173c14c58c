-- The figures of each first-touch campaign (UTM source, medium and campaign; '' when the lead
-- came without one) for the days :from to :to: new leads, submissions, emails and conversions.
SELECT utm_source, utm_medium, utm_campaign,
       CAST(sum(new_leads) AS bigint) AS leads,
       CAST(sum(submissions) AS bigint) AS submissions,
       CAST(sum(sent) AS bigint) AS sent,
       CAST(sum(bounced) AS bigint) AS bounced,
       CAST(sum(human_opens) AS bigint) AS human_opens,
       CAST(sum(human_clicks) AS bigint) AS human_clicks,
       CAST(sum(conversions) AS bigint) AS conversions
FROM (
    SELECT utm_source, utm_medium, utm_campaign, new_leads, submissions, 0 AS sent,
           0 AS bounced, 0 AS human_opens, 0 AS human_clicks, 0 AS conversions
    FROM report_form_days
    WHERE day BETWEEN :from AND :to
    UNION ALL
    SELECT utm_source, utm_medium, utm_campaign, 0, 0, sent, bounced, human_opens,
           human_clicks, 0
    FROM report_step_days
    WHERE day BETWEEN :from AND :to
    UNION ALL
    SELECT utm_source, utm_medium, utm_campaign, 0, 0, 0, 0, 0, 0, conversions
    FROM report_conversion_days
    WHERE day BETWEEN :from AND :to
) AS figures
GROUP BY utm_source, utm_medium, utm_campaign
ORDER BY leads DESC, utm_source, utm_medium, utm_campaign
