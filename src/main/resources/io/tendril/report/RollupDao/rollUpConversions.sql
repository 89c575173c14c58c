-- Adds the goal exits with event ids in (:after, :upTo] to the daily conversion counters. The
-- exit event of a goal stage or tag has reason 'goal', that of a goal form 'form'. LIMIT 1
-- keeps each lookup a primary-key probe.
INSERT INTO report_conversion_days AS d (day, sequence_id, form_id, utm_source, utm_medium,
                                         utm_campaign, conversions)
SELECT CAST(v.occurred_at AT TIME ZONE 'UTC' AS date), e.sequence_id, COALESCE(e.form_id, 0),
       COALESCE(l.first_touch ->> 'utm_source', ''),
       COALESCE(l.first_touch ->> 'utm_medium', ''),
       COALESCE(l.first_touch ->> 'utm_campaign', ''),
       count(*)
FROM events v
CROSS JOIN LATERAL (SELECT sequence_id, form_id, lead_id FROM enrollments
                    WHERE id = CAST(v.data ->> 'enrollment_id' AS bigint) LIMIT 1) AS e
CROSS JOIN LATERAL (SELECT first_touch FROM leads WHERE id = e.lead_id LIMIT 1) AS l
WHERE v.id > :after
  AND v.id <= :upTo
  AND v.type = 'exit'
  AND v.data ->> 'reason' IN ('goal', 'form')
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT (day, sequence_id, form_id, utm_source, utm_medium, utm_campaign) DO UPDATE SET
    conversions = d.conversions + EXCLUDED.conversions
