-- Claims up to :limit due deliveries of active webhooks and leases each until :leaseUntil, so
-- that no other node posts it meanwhile; a node that dies mid-POST leaves it due again at the
-- end of the lease. Returns what the POST needs: the webhook, the event and its lead.
WITH due AS (
    SELECT d.id
    FROM webhook_deliveries d
    JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.status = 'pending'
      AND d.next_attempt_at <= :now
      AND w.active
    ORDER BY d.next_attempt_at
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
),
claimed AS (
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1, next_attempt_at = :leaseUntil
    FROM due
    WHERE d.id = due.id
    RETURNING d.id, d.webhook_id, d.event_id, d.attempts
)
SELECT c.id, c.webhook_id, c.attempts, w.url, w.secret,
       e.id AS event_id, e.type AS event_type, e.occurred_at, e.human, e.message_id,
       e.data::text AS event_data,
       l.id AS lead_id, l.email, l.name, l.stage, l.status AS lead_status, l.tags
FROM claimed c
JOIN webhooks w ON w.id = c.webhook_id
JOIN events e ON e.id = c.event_id
JOIN leads l ON l.id = e.lead_id
ORDER BY c.id
