-- Adds the submissions and double opt-in confirmations with event ids in (:after, :upTo] to
-- the per-form daily counters. A submission created its lead when both rows were written by
-- one transaction, so their created_at (the transaction's now()) is equal. Every lookup is a
-- primary-key probe (LIMIT 1 keeps the planner from reading whole tables instead).
WITH batch AS (
    SELECT type, submission_id, data, occurred_at
    FROM events
    WHERE id > :after
      AND id <= :upTo
      AND (type = 'submit' OR (type = 'consent' AND data ->> 'confirmed' = 'true'))
),
counted AS (
    SELECT b.occurred_at, s.form_id, s.lead_id, 1 AS submissions,
           CASE WHEN l.created_at = s.created_at THEN 1 ELSE 0 END AS new_leads,
           0 AS confirmed
    FROM batch b
    CROSS JOIN LATERAL (SELECT form_id, lead_id, created_at FROM submissions
                        WHERE id = b.submission_id LIMIT 1) AS s
    CROSS JOIN LATERAL (SELECT created_at FROM leads WHERE id = s.lead_id LIMIT 1) AS l
    WHERE b.type = 'submit'
    UNION ALL
    SELECT b.occurred_at, c.form_id, c.lead_id, 0, 0, 1
    FROM batch b
    CROSS JOIN LATERAL (SELECT form_id, lead_id FROM consents
                        WHERE id = CAST(b.data ->> 'consent_id' AS bigint) LIMIT 1) AS c
    WHERE b.type = 'consent'
)
INSERT INTO report_form_days AS d (day, form_id, utm_source, utm_medium, utm_campaign,
                                   submissions, new_leads, confirmed)
SELECT CAST(c.occurred_at AT TIME ZONE 'UTC' AS date), c.form_id,
       COALESCE(l.first_touch ->> 'utm_source', ''),
       COALESCE(l.first_touch ->> 'utm_medium', ''),
       COALESCE(l.first_touch ->> 'utm_campaign', ''),
       sum(c.submissions), sum(c.new_leads), sum(c.confirmed)
FROM counted c
CROSS JOIN LATERAL (SELECT first_touch FROM leads WHERE id = c.lead_id LIMIT 1) AS l
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (day, form_id, utm_source, utm_medium, utm_campaign) DO UPDATE SET
    submissions = d.submissions + EXCLUDED.submissions,
    new_leads = d.new_leads + EXCLUDED.new_leads,
    confirmed = d.confirmed + EXCLUDED.confirmed
