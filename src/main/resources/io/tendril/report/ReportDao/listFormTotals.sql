-- Each form's submissions, new leads, double opt-in confirmations and conversions (goal exits
-- of the enrollments it started) for the days :from to :to.
WITH captured AS (
    SELECT form_id, sum(submissions) AS submissions, sum(new_leads) AS new_leads,
           sum(confirmed) AS confirmed
    FROM report_form_days
    WHERE day BETWEEN :from AND :to
    GROUP BY form_id
),
converted AS (
    SELECT form_id, sum(conversions) AS conversions
    FROM report_conversion_days
    WHERE day BETWEEN :from AND :to
    GROUP BY form_id
)
SELECT f.id, f.slug, f.name, f.status, f.double_opt_in,
       CAST(COALESCE(c.submissions, 0) AS bigint) AS submissions,
       CAST(COALESCE(c.new_leads, 0) AS bigint) AS new_leads,
       CAST(COALESCE(c.confirmed, 0) AS bigint) AS confirmed,
       CAST(COALESCE(v.conversions, 0) AS bigint) AS conversions
FROM forms f
LEFT JOIN captured c ON c.form_id = f.id
LEFT JOIN converted v ON v.form_id = f.id
ORDER BY f.name, f.id
