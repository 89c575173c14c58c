-- Adds the email events with ids in (:after, :upTo] to the per-step daily counters. A sent or
-- failed event counts as it comes (one per message). An open, click, bounce, complaint or
-- unsubscribe counts only when it is the message's first of its kind, as report_messages
-- records, so a message counts once in each figure. A human click without a human open before
-- it counts as a human open too: the lead read the email with its images blocked. Leaving the
-- sequence through the preferences page counts as an unsubscribe from the message.
WITH batch AS (
    SELECT message_id, type, human, occurred_at
    FROM events
    WHERE id > :after
      AND id <= :upTo
      AND message_id IS NOT NULL
      AND (type IN ('sent', 'failed', 'open', 'click', 'unsubscribe', 'bounce', 'complaint')
           OR (type = 'exit' AND data ->> 'reason' = 'preferences'))
),
firsts AS (
    SELECT message_id,
           min(occurred_at) FILTER (WHERE type = 'sent') AS sent_at,
           min(occurred_at) FILTER (WHERE type = 'failed') AS failed_at,
           min(occurred_at) FILTER (WHERE type IN ('open', 'click') AND human) AS human_opened_at,
           min(occurred_at) FILTER (WHERE type = 'click' AND human) AS human_clicked_at,
           min(occurred_at) FILTER (WHERE type = 'open' AND NOT human) AS machine_opened_at,
           min(occurred_at) FILTER (WHERE type = 'click' AND NOT human) AS machine_clicked_at,
           min(occurred_at) FILTER (WHERE type = 'bounce') AS bounced_at,
           min(occurred_at) FILTER (WHERE type = 'complaint') AS complained_at,
           min(occurred_at) FILTER (WHERE type IN ('unsubscribe', 'exit')) AS unsubscribed_at
    FROM batch
    GROUP BY message_id
),
changes AS (
    SELECT f.message_id, m.step_id,
           COALESCE(l.first_touch ->> 'utm_source', '') AS utm_source,
           COALESCE(l.first_touch ->> 'utm_medium', '') AS utm_medium,
           COALESCE(l.first_touch ->> 'utm_campaign', '') AS utm_campaign,
           f.sent_at, f.failed_at,
           CASE WHEN r.human_opened_at IS NULL THEN f.human_opened_at END AS human_opened_at,
           CASE WHEN r.human_clicked_at IS NULL THEN f.human_clicked_at END AS human_clicked_at,
           CASE WHEN r.machine_opened_at IS NULL THEN f.machine_opened_at END
               AS machine_opened_at,
           CASE WHEN r.machine_clicked_at IS NULL THEN f.machine_clicked_at END
               AS machine_clicked_at,
           CASE WHEN r.bounced_at IS NULL THEN f.bounced_at END AS bounced_at,
           CASE WHEN r.complained_at IS NULL THEN f.complained_at END AS complained_at,
           CASE WHEN r.unsubscribed_at IS NULL THEN f.unsubscribed_at END AS unsubscribed_at
    -- Each lookup is a primary-key probe per message of the batch. LIMIT 1 keeps the planner
    -- from turning one into a join that reads the whole table, which it chose for batches of
    -- 50,000 events against 4,000,000 messages and took seconds.
    FROM firsts f
    CROSS JOIN LATERAL (SELECT step_id, lead_id FROM messages
                        WHERE id = f.message_id LIMIT 1) AS m
    CROSS JOIN LATERAL (SELECT first_touch FROM leads WHERE id = m.lead_id LIMIT 1) AS l
    LEFT JOIN LATERAL (SELECT * FROM report_messages
                       WHERE message_id = f.message_id LIMIT 1) AS r ON true
),
recorded AS (
    INSERT INTO report_messages AS r (message_id, human_opened_at, human_clicked_at,
                                      machine_opened_at, machine_clicked_at, bounced_at,
                                      complained_at, unsubscribed_at)
    SELECT message_id, human_opened_at, human_clicked_at, machine_opened_at,
           machine_clicked_at, bounced_at, complained_at, unsubscribed_at
    FROM changes
    WHERE COALESCE(human_opened_at, human_clicked_at, machine_opened_at, machine_clicked_at,
                   bounced_at, complained_at, unsubscribed_at) IS NOT NULL
    ON CONFLICT (message_id) DO UPDATE SET
        human_opened_at = COALESCE(r.human_opened_at, EXCLUDED.human_opened_at),
        human_clicked_at = COALESCE(r.human_clicked_at, EXCLUDED.human_clicked_at),
        machine_opened_at = COALESCE(r.machine_opened_at, EXCLUDED.machine_opened_at),
        machine_clicked_at = COALESCE(r.machine_clicked_at, EXCLUDED.machine_clicked_at),
        bounced_at = COALESCE(r.bounced_at, EXCLUDED.bounced_at),
        complained_at = COALESCE(r.complained_at, EXCLUDED.complained_at),
        unsubscribed_at = COALESCE(r.unsubscribed_at, EXCLUDED.unsubscribed_at)
),
counted AS (
    SELECT CAST(v.at AT TIME ZONE 'UTC' AS date) AS day, c.step_id, c.utm_source,
           c.utm_medium, c.utm_campaign, v.figure
    FROM changes c
    CROSS JOIN LATERAL (VALUES ('sent', c.sent_at), ('failed', c.failed_at),
                               ('human_open', c.human_opened_at),
                               ('human_click', c.human_clicked_at),
                               ('machine_open', c.machine_opened_at),
                               ('machine_click', c.machine_clicked_at),
                               ('bounce', c.bounced_at), ('complaint', c.complained_at),
                               ('unsubscribe', c.unsubscribed_at)) AS v(figure, at)
    WHERE v.at IS NOT NULL
)
INSERT INTO report_step_days AS d (day, step_id, utm_source, utm_medium, utm_campaign, sent,
                                   failed, bounced, complaints, unsubscribes, human_opens,
                                   human_clicks, machine_opens, machine_clicks)
SELECT day, step_id, utm_source, utm_medium, utm_campaign,
       count(*) FILTER (WHERE figure = 'sent'),
       count(*) FILTER (WHERE figure = 'failed'),
       count(*) FILTER (WHERE figure = 'bounce'),
       count(*) FILTER (WHERE figure = 'complaint'),
       count(*) FILTER (WHERE figure = 'unsubscribe'),
       count(*) FILTER (WHERE figure = 'human_open'),
       count(*) FILTER (WHERE figure = 'human_click'),
       count(*) FILTER (WHERE figure = 'machine_open'),
       count(*) FILTER (WHERE figure = 'machine_click')
FROM counted
GROUP BY day, step_id, utm_source, utm_medium, utm_campaign
ON CONFLICT (day, step_id, utm_source, utm_medium, utm_campaign) DO UPDATE SET
    sent = d.sent + EXCLUDED.sent,
    failed = d.failed + EXCLUDED.failed,
    bounced = d.bounced + EXCLUDED.bounced,
    complaints = d.complaints + EXCLUDED.complaints,
    unsubscribes = d.unsubscribes + EXCLUDED.unsubscribes,
    human_opens = d.human_opens + EXCLUDED.human_opens,
    human_clicks = d.human_clicks + EXCLUDED.human_clicks,
    machine_opens = d.machine_opens + EXCLUDED.machine_opens,
    machine_clicks = d.machine_clicks + EXCLUDED.machine_clicks
