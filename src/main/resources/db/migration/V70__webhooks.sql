-- Webhooks: each new event of a subscribed type becomes one delivery row, written by a
-- statement trigger in the same transaction as the event, so that no event is missed. The
-- trigger exists only while some webhook is active (WebhookDao/syncTrigger.sql), so that
-- events cost nothing extra without webhooks. Nodes
-- claim due deliveries with SKIP LOCKED and POST them; a claim leases the row for a minute, so
-- a node that dies mid-POST leaves it to be retried, never lost.
CREATE TABLE webhooks (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    url         text        NOT NULL,
    events      text[]      NOT NULL,
    secret      text        NOT NULL,
    active      boolean     NOT NULL DEFAULT true,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webhooks_pkey PRIMARY KEY (id)
);

CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    webhook_id      bigint      NOT NULL,
    event_id        bigint      NOT NULL,
    status          text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    response_status integer,
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_deliveries_webhook_id_event_id_key UNIQUE (webhook_id, event_id),
    CONSTRAINT webhook_deliveries_webhook_id_fkey FOREIGN KEY (webhook_id)
        REFERENCES webhooks (id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_event_id_fkey FOREIGN KEY (event_id)
        REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_status_check
        CHECK (status IN ('pending', 'delivered', 'failed'))
);

CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_event_id_idx ON webhook_deliveries (event_id);

CREATE FUNCTION events_webhooks() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (webhook_id, event_id)
    SELECT w.id, e.id
    FROM inserted e
    JOIN webhooks w ON w.active AND (e.type = ANY (w.events) OR '*' = ANY (w.events));
    RETURN NULL;
END;
$$;
