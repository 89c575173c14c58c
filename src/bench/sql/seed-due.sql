-- Enrolls :count new leads in the demo sequence's current version at step 1, due a minute ago,
-- for the sender benchmark: the next due pass sends each its first email.
WITH new_leads AS (
    INSERT INTO leads (email, email_key, name, company)
    SELECT :'tag' || '-' || g || '@example.com', :'tag' || '-' || g || '@example.com',
           'Sender Lead ' || g, 'Acme'
    FROM generate_series(1, :count) AS g
    RETURNING id
)
INSERT INTO enrollments (lead_id, sequence_id, form_id, version, next_position, next_due_at)
SELECT n.id, f.sequence_id, f.id, f.version, 1, now() - interval '1 minute'
FROM new_leads n
CROSS JOIN (SELECT f.id, f.sequence_id, s.version
            FROM forms f JOIN sequences s ON s.id = f.sequence_id
            WHERE f.slug = 'demo') f;
