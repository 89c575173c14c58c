-- Addresses that must never be mailed again, keyed by the lead email key (local part
-- lowercased, domain in lowercase punycode), so a suppression also covers leads created later.
CREATE TABLE suppressions (
    email_key  text        NOT NULL,
    reason     text        NOT NULL,
    source     text        NOT NULL DEFAULT '',
    detail     text        NOT NULL DEFAULT '',
    lead_id    bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT suppressions_pkey PRIMARY KEY (email_key),
    CONSTRAINT suppressions_lead_id_fkey FOREIGN KEY (lead_id)
        REFERENCES leads (id) ON DELETE SET NULL,
    CONSTRAINT suppressions_reason_check
        CHECK (reason IN ('bounce', 'complaint', 'unsubscribe', 'manual'))
);

-- Soft bounces counted per lead; at the configured limit the lead is suppressed as bounced.
ALTER TABLE leads ADD COLUMN soft_bounce_count integer NOT NULL DEFAULT 0;

-- Alerts for the admin, such as a sequence paused by the bounce or complaint guardrail.
-- An alert is shown until resolved_at is set.
CREATE TABLE alerts (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    kind        text        NOT NULL,
    sequence_id bigint,
    message     text        NOT NULL,
    data        jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    CONSTRAINT alerts_pkey PRIMARY KEY (id),
    CONSTRAINT alerts_sequence_id_fkey FOREIGN KEY (sequence_id)
        REFERENCES sequences (id) ON DELETE CASCADE,
    CONSTRAINT alerts_kind_check CHECK (kind IN ('bounce_rate', 'complaint_rate'))
);

CREATE INDEX alerts_open_idx ON alerts (created_at) WHERE resolved_at IS NULL;

-- Bounce and complaint reports name the original Message-ID; the guardrail counts recent sends.
CREATE INDEX messages_smtp_message_id_idx ON messages (smtp_message_id)
    WHERE smtp_message_id IS NOT NULL;
CREATE INDEX messages_sent_at_idx ON messages (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX events_bounce_complaint_idx ON events (occurred_at)
    WHERE type IN ('bounce', 'complaint');
