-- Adds the submissions and double opt-in confirmations with event ids in (:after, :upTo] to
-- the per-form daily counters. A submission created its lead when both rows were written by
-- one transaction, so their created_at (the transaction's now()) is equal.
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
    JOIN submissions s ON s.id = b.submission_id
    JOIN leads l ON l.id = s.lead_id
    WHERE b.type = 'submit'
    UNION ALL
    SELECT b.occurred_at, c.form_id, c.lead_id, 0, 0, 1
    FROM batch b
    JOIN consents c ON c.id = CAST(b.data ->> 'consent_id' AS bigint)
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
JOIN leads l ON l.id = c.lead_id
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (day, form_id, utm_source, utm_medium, utm_campaign) DO UPDATE SET
    submissions = d.submissions + EXCLUDED.submissions,
    new_leads = d.new_leads + EXCLUDED.new_leads,
    confirmed = d.confirmed + EXCLUDED.confirmed
