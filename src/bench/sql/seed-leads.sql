-- Grows the database to :target leads. Each is enrolled in the demo sequence's current version
-- with step 1 due in the year 2100, so the claim benchmarks see them all as due and Tendril's
-- own due pass (on the real clock) never does.
INSERT INTO leads (email, email_key, name, company, first_touch, last_touch)
SELECT 'seed-' || g || '@example.com', 'seed-' || g || '@example.com', 'Seed Lead ' || g,
       'Company ' || (g % 5000), '{"utm_source": "seed"}', '{"utm_source": "seed"}'
FROM generate_series((SELECT count(*) FROM leads) + 1, :target) AS g;

INSERT INTO enrollments (lead_id, sequence_id, form_id, version, next_position, next_due_at)
SELECT l.id, f.sequence_id, f.id, f.version, 1,
       TIMESTAMPTZ '2100-01-01 00:00:00+00' + make_interval(secs => l.id % 1000000)
FROM leads l
CROSS JOIN (SELECT f.id, f.sequence_id, s.version
            FROM forms f JOIN sequences s ON s.id = f.sequence_id
            WHERE f.slug = 'demo') f
WHERE l.email LIKE 'seed-%'
  AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.lead_id = l.id);
