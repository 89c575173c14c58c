-- Seeds what the report figures read, over every lead (those of seed-leads.sql and of the
-- capture figures). It adds three active sequences of four email steps, two forms, and a
-- first-touch campaign on every lead (20 campaigns from 4 sources). Each lead gets one
-- submission and one enrollment in one of the sequences (every 20th ended by a goal exit) with
-- its four emails sent. The events are each submission's, each email's 'sent' event, each goal
-- exit's, and :per_message opens, clicks, bounces, complaints and unsubscribes per email on
-- average, spread over the last 365 days.
--
-- Run by a superuser: session_replication_role = replica turns the foreign-key triggers off
-- while seeding. The events indexes are dropped first and built again at the end with the
-- definitions of the migrations, as a bulk load would do.
SET session_replication_role = replica;
SET maintenance_work_mem = '512MB';

INSERT INTO sequences (key, name, status, goal_exits)
SELECT 'report-' || s, 'Report sequence ' || s, 'active', '{"tags": ["customer"]}'
FROM generate_series(1, 3) AS s;

INSERT INTO steps (sequence_id, position, name, wait_unit, wait_amount, subject_template,
                   html_template)
SELECT q.id, p, 'Email ' || p, 'days', 2, 'Report email ' || p, '<p>Hello {{name}}</p>'
FROM sequences q
CROSS JOIN generate_series(1, 4) AS p
WHERE q.key LIKE 'report-%';

INSERT INTO forms (slug, name, sequence_id, double_opt_in)
SELECT 'report-' || f, 'Report form ' || f, (SELECT min(id) FROM sequences WHERE key LIKE 'report-%'),
       f = 2
FROM generate_series(1, 2) AS f;

-- Each lead arrives on a day of the last year from one of 20 campaigns.
UPDATE leads
SET first_touch = jsonb_build_object(
        'utm_source', (ARRAY['google', 'newsletter', 'linkedin', 'partner'])[id % 4 + 1],
        'utm_medium', (ARRAY['cpc', 'email', 'social', 'referral'])[id % 4 + 1],
        'utm_campaign', 'campaign-' || id % 20),
    created_at = now() - make_interval(days => CAST(id % 365 AS int), secs => id % 86400);

INSERT INTO submissions (form_id, lead_id, payload, utm_source, utm_medium, utm_campaign,
                         created_at)
SELECT f.id, l.id, '{}', l.first_touch ->> 'utm_source', l.first_touch ->> 'utm_medium',
       l.first_touch ->> 'utm_campaign', l.created_at
FROM leads l
JOIN forms f ON f.slug = 'report-' || (l.id % 2 + 1);

INSERT INTO enrollments (lead_id, sequence_id, form_id, version, next_position, status,
                         exit_reason, created_at, ended_at)
SELECT s.lead_id, q.id, s.form_id, 1, 5,
       CASE WHEN s.lead_id % 20 = 0 THEN 'exited' ELSE 'completed' END,
       CASE WHEN s.lead_id % 20 = 0 THEN 'goal' END, s.created_at,
       LEAST(now(), s.created_at + interval '7 days')
FROM submissions s
JOIN sequences q ON q.key = 'report-' || (s.lead_id % 3 + 1)
JOIN forms f ON f.id = s.form_id AND f.slug LIKE 'report-%';

INSERT INTO messages (enrollment_id, step_id, lead_id, status, subject, sent_at, created_at)
SELECT e.id, st.id, e.lead_id, 'sent', st.subject_template,
       e.created_at + make_interval(days => 2 * (st.position - 1)),
       e.created_at + make_interval(days => 2 * (st.position - 1))
FROM enrollments e
JOIN steps st ON st.sequence_id = e.sequence_id AND st.version = e.version
WHERE e.sequence_id IN (SELECT id FROM sequences WHERE key LIKE 'report-%');

-- The webhook deliveries' key on events depends on events_pkey; it comes back below.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_pkey;
DROP INDEX events_lead_id_occurred_at_idx;
DROP INDEX events_message_id_idx;
DROP INDEX events_bounce_complaint_idx;

INSERT INTO events (lead_id, type, submission_id, data, occurred_at)
SELECT s.lead_id, 'submit', s.id, '{}', s.created_at
FROM submissions s
JOIN forms f ON f.id = s.form_id AND f.slug LIKE 'report-%';

INSERT INTO events (lead_id, type, message_id, occurred_at)
SELECT m.lead_id, 'sent', m.id, m.sent_at
FROM messages m
JOIN steps st ON st.id = m.step_id
JOIN sequences q ON q.id = st.sequence_id AND q.key LIKE 'report-%';

-- Engagement: about 51% human opens (repeated ones included), 25% opens by mail privacy
-- proxies, 15% human clicks, 8% clicks by link scanners, and a few bounces, complaints and
-- unsubscribes, each hours after the send.
INSERT INTO events (lead_id, type, message_id, human, occurred_at)
SELECT m.lead_id,
       CASE WHEN h < 700 THEN 'open' WHEN h < 930 THEN 'click' WHEN h < 935 THEN 'bounce'
            WHEN h < 937 THEN 'complaint' WHEN h < 942 THEN 'unsubscribe' ELSE 'open' END,
       m.id,
       NOT (h BETWEEN 450 AND 699 OR h BETWEEN 850 AND 929),
       LEAST(now(), m.sent_at + make_interval(hours => 3 * g))
FROM messages m
JOIN steps st ON st.id = m.step_id
JOIN sequences q ON q.id = st.sequence_id AND q.key LIKE 'report-%'
CROSS JOIN generate_series(1, CAST(ceil(CAST(:'per_message' AS numeric)) AS int)) AS g
CROSS JOIN LATERAL (SELECT (m.id * 7919 + g * 104729) % 1000 AS h) AS pick
WHERE g <= floor(CAST(:'per_message' AS numeric))
   OR m.id % 1000 < (CAST(:'per_message' AS numeric) - floor(CAST(:'per_message' AS numeric)))
                    * 1000;

INSERT INTO events (lead_id, type, data, occurred_at)
SELECT e.lead_id, 'exit', jsonb_build_object('enrollment_id', e.id, 'sequence_id',
       e.sequence_id, 'reason', 'goal'), LEAST(now(), e.ended_at)
FROM enrollments e
WHERE e.exit_reason = 'goal';

ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_id_fkey
    FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE;
CREATE INDEX events_lead_id_occurred_at_idx ON events (lead_id, occurred_at);
CREATE INDEX events_message_id_idx ON events (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX events_bounce_complaint_idx ON events (occurred_at)
    WHERE type IN ('bounce', 'complaint');
