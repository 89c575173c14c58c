-- Enrolls :count new leads in the demo sequence's current version at step 1, falling due one by
-- one at :rate a second from two seconds after this statement, for the due-to-send delay. Each
-- lead keeps its due time in attributes.bench_due_at, because the claim overwrites
-- next_due_at with the next step's time.
WITH new_leads AS (
    INSERT INTO leads (email, email_key, name, company, attributes)
    SELECT :'tag' || '-' || g || '@example.com', :'tag' || '-' || g || '@example.com',
           'Paced Lead ' || g, 'Acme',
           jsonb_build_object('bench_due_at',
               now() + interval '2 seconds'
                     + make_interval(secs => (g - 1) / CAST(:rate AS double precision)))
    FROM generate_series(1, :count) AS g
    RETURNING id, attributes
)
INSERT INTO enrollments (lead_id, sequence_id, form_id, version, next_position, next_due_at)
SELECT n.id, f.sequence_id, f.id, f.version, 1,
       CAST(n.attributes ->> 'bench_due_at' AS timestamptz)
FROM new_leads n
CROSS JOIN (SELECT f.id, f.sequence_id, s.version
            FROM forms f JOIN sequences s ON s.id = f.sequence_id
            WHERE f.slug = 'demo') f;
