-- Enrolls :count new leads in the demo sequence, due now, for the sender benchmark.
WITH new_leads AS (
    INSERT INTO leads (email, email_key, name, company)
    SELECT :'tag' || '-' || g || '@example.com', :'tag' || '-' || g || '@example.com',
           'Sender Lead ' || g, 'Acme'
    FROM generate_series(1, :count) AS g
    RETURNING id
)
INSERT INTO enrollments (lead_id, sequence_id, form_id, next_position, next_due_at)
SELECT n.id, f.sequence_id, f.id, 1, now() - interval '1 minute'
FROM new_leads n
CROSS JOIN (SELECT id, sequence_id FROM forms WHERE slug = 'demo') f;
