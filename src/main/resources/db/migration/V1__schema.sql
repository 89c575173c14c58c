-- Core schema: capture (forms, leads, submissions, consents), nurture (sequences, steps,
-- enrollments, messages), tracking (events) and access (users, api_tokens, admin_sessions).

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL DEFAULT 'admin',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'marketer'))
);

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    user_id      bigint      NOT NULL,
    name         text        NOT NULL DEFAULT '',
    token_hash   bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE admin_sessions (
    id_hash    bytea       NOT NULL,
    user_id    bigint      NOT NULL,
    csrf_token text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CONSTRAINT admin_sessions_pkey PRIMARY KEY (id_hash),
    CONSTRAINT admin_sessions_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE sequences (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    key        text        NOT NULL,
    name       text        NOT NULL,
    status     text        NOT NULL DEFAULT 'active',
    time_zone  text        NOT NULL DEFAULT 'UTC',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sequences_pkey PRIMARY KEY (id),
    CONSTRAINT sequences_key_key UNIQUE (key),
    CONSTRAINT sequences_status_check CHECK (status IN ('draft', 'active', 'paused', 'archived'))
);

-- A step waits delay_minutes after the previous step (or after enrollment for the first
-- step), then sends one email.
CREATE TABLE steps (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    sequence_id      bigint      NOT NULL,
    position         integer     NOT NULL,
    name             text        NOT NULL DEFAULT '',
    delay_minutes    integer     NOT NULL DEFAULT 0,
    subject_template text        NOT NULL,
    html_template    text        NOT NULL,
    text_template    text        NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT steps_pkey PRIMARY KEY (id),
    CONSTRAINT steps_sequence_id_fkey FOREIGN KEY (sequence_id)
        REFERENCES sequences (id) ON DELETE CASCADE,
    CONSTRAINT steps_sequence_id_position_key UNIQUE (sequence_id, position),
    CONSTRAINT steps_position_check CHECK (position >= 1),
    CONSTRAINT steps_delay_minutes_check CHECK (delay_minutes >= 0)
);

CREATE TABLE forms (
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    slug               text        NOT NULL,
    name               text        NOT NULL,
    fields             jsonb       NOT NULL DEFAULT '[]',
    allowed_origins    text[]      NOT NULL DEFAULT '{}',
    sequence_id        bigint,
    double_opt_in      boolean     NOT NULL DEFAULT false,
    consent_text       text        NOT NULL DEFAULT '',
    consent_version    integer     NOT NULL DEFAULT 1,
    thank_you_url      text,
    thank_you_message  text        NOT NULL DEFAULT 'Thank you! Please check your inbox.',
    status             text        NOT NULL DEFAULT 'active',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT forms_pkey PRIMARY KEY (id),
    CONSTRAINT forms_slug_key UNIQUE (slug),
    CONSTRAINT forms_sequence_id_fkey FOREIGN KEY (sequence_id)
        REFERENCES sequences (id) ON DELETE SET NULL,
    CONSTRAINT forms_status_check CHECK (status IN ('active', 'archived'))
);

-- email_key is the dedupe key: the trimmed address with its domain in lowercase ASCII
-- (punycode) and its local part lowercased. email keeps the address as the lead typed it.
CREATE TABLE leads (
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    email               text        NOT NULL,
    email_key           text        NOT NULL,
    name                text        NOT NULL DEFAULT '',
    phone               text        NOT NULL DEFAULT '',
    company             text        NOT NULL DEFAULT '',
    attributes          jsonb       NOT NULL DEFAULT '{}',
    time_zone           text,
    stage               text        NOT NULL DEFAULT 'new',
    score               integer     NOT NULL DEFAULT 0,
    tags                text[]      NOT NULL DEFAULT '{}',
    status              text        NOT NULL DEFAULT 'active',
    first_touch         jsonb       NOT NULL DEFAULT '{}',
    last_touch          jsonb       NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    unsubscribed_at     timestamptz,
    CONSTRAINT leads_pkey PRIMARY KEY (id),
    CONSTRAINT leads_email_key_key UNIQUE (email_key),
    CONSTRAINT leads_status_check
        CHECK (status IN ('active', 'pending', 'unsubscribed', 'bounced', 'complained', 'erased'))
);

CREATE TABLE submissions (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    form_id       bigint      NOT NULL,
    lead_id       bigint      NOT NULL,
    payload       jsonb       NOT NULL DEFAULT '{}',
    utm_source    text,
    utm_medium    text,
    utm_campaign  text,
    utm_term      text,
    utm_content   text,
    gclid         text,
    referrer      text,
    page_url      text,
    user_agent    text,
    ip_hash       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT submissions_pkey PRIMARY KEY (id),
    CONSTRAINT submissions_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id),
    CONSTRAINT submissions_lead_id_fkey FOREIGN KEY (lead_id)
        REFERENCES leads (id) ON DELETE CASCADE
);

CREATE INDEX submissions_lead_id_idx ON submissions (lead_id);

CREATE TABLE consents (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    lead_id         bigint      NOT NULL,
    form_id         bigint      NOT NULL,
    submission_id   bigint,
    consent_text    text        NOT NULL,
    consent_version integer     NOT NULL,
    ip_hash         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    confirmed_at    timestamptz,
    CONSTRAINT consents_pkey PRIMARY KEY (id),
    CONSTRAINT consents_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES leads (id) ON DELETE CASCADE,
    CONSTRAINT consents_form_id_fkey FOREIGN KEY (form_id) REFERENCES forms (id),
    CONSTRAINT consents_submission_id_fkey FOREIGN KEY (submission_id)
        REFERENCES submissions (id) ON DELETE SET NULL
);

CREATE INDEX consents_lead_id_idx ON consents (lead_id);

-- next_position is the position of the step the enrollment waits for; next_due_at is when it
-- falls due. Only active enrollments are in the due queue.
CREATE TABLE enrollments (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    lead_id       bigint      NOT NULL,
    sequence_id   bigint      NOT NULL,
    form_id       bigint,
    next_position integer     NOT NULL DEFAULT 1,
    next_due_at   timestamptz,
    status        text        NOT NULL DEFAULT 'active',
    exit_reason   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    ended_at      timestamptz,
    CONSTRAINT enrollments_pkey PRIMARY KEY (id),
    CONSTRAINT enrollments_lead_id_fkey FOREIGN KEY (lead_id)
        REFERENCES leads (id) ON DELETE CASCADE,
    CONSTRAINT enrollments_sequence_id_fkey FOREIGN KEY (sequence_id)
        REFERENCES sequences (id) ON DELETE CASCADE,
    CONSTRAINT enrollments_form_id_fkey FOREIGN KEY (form_id)
        REFERENCES forms (id) ON DELETE SET NULL,
    CONSTRAINT enrollments_status_check
        CHECK (status IN ('active', 'paused', 'completed', 'exited'))
);

CREATE INDEX enrollments_due_idx ON enrollments (next_due_at) WHERE status = 'active';
CREATE UNIQUE INDEX enrollments_active_lead_sequence_key
    ON enrollments (lead_id, sequence_id) WHERE status IN ('active', 'paused');
CREATE INDEX enrollments_lead_id_idx ON enrollments (lead_id);

-- One row per (enrollment, step): the unique key is what makes a step impossible to send twice.
-- A row is written as 'sending' before the SMTP call; a row left in 'sending' by a node that
-- is gone becomes 'unknown' and is never resent automatically.
CREATE TABLE messages (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    enrollment_id  bigint      NOT NULL,
    step_id        bigint      NOT NULL,
    lead_id        bigint      NOT NULL,
    status         text        NOT NULL DEFAULT 'queued',
    node_id        text,
    attempts       integer     NOT NULL DEFAULT 0,
    subject        text,
    links          jsonb       NOT NULL DEFAULT '[]',
    smtp_message_id text,
    error          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_enrollment_id_step_id_key UNIQUE (enrollment_id, step_id),
    CONSTRAINT messages_enrollment_id_fkey FOREIGN KEY (enrollment_id)
        REFERENCES enrollments (id) ON DELETE CASCADE,
    CONSTRAINT messages_step_id_fkey FOREIGN KEY (step_id) REFERENCES steps (id),
    CONSTRAINT messages_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES leads (id) ON DELETE CASCADE,
    CONSTRAINT messages_status_check
        CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown'))
);

CREATE INDEX messages_lead_id_idx ON messages (lead_id);
CREATE INDEX messages_sending_idx ON messages (node_id) WHERE status = 'sending';

-- The lead's timeline. Append-only.
CREATE TABLE events (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    lead_id       bigint      NOT NULL,
    type          text        NOT NULL,
    message_id    bigint,
    submission_id bigint,
    human         boolean     NOT NULL DEFAULT true,
    data          jsonb       NOT NULL DEFAULT '{}',
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_pkey PRIMARY KEY (id),
    CONSTRAINT events_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES leads (id) ON DELETE CASCADE,
    CONSTRAINT events_type_check CHECK (type IN ('submit', 'consent', 'enroll', 'sent', 'failed',
        'open', 'click', 'unsubscribe', 'bounce', 'complaint', 'stage', 'exit'))
);

CREATE INDEX events_lead_id_occurred_at_idx ON events (lead_id, occurred_at);
CREATE INDEX events_message_id_idx ON events (message_id) WHERE message_id IS NOT NULL;

-- Values shared by every node, such as the generated signing secret.
CREATE TABLE settings (
    name       text        NOT NULL,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT settings_pkey PRIMARY KEY (name)
);
