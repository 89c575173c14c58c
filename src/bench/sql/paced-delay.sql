-- Returns p50, p99, max and count of the delay, in ms, from each paced lead's due time to the
-- created_at of its first message. That is the claim's time, just before rendering and the SMTP
-- hand-off.
WITH first_messages AS (
    SELECT DISTINCT ON (m.lead_id) m.lead_id, m.created_at
    FROM messages m
    WHERE m.lead_id > :first
    ORDER BY m.lead_id, m.id
),
delays AS (
    SELECT EXTRACT(EPOCH FROM f.created_at
                   - CAST(l.attributes ->> 'bench_due_at' AS timestamptz)) * 1000 AS ms
    FROM first_messages f
    JOIN leads l ON l.id = f.lead_id
)
SELECT round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS numeric), 1),
       round(CAST(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS numeric), 1),
       round(CAST(max(ms) AS numeric), 1),
       count(*)
FROM delays;
