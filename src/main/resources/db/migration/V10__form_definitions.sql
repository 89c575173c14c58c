-- Forms as marketers define them: a version that each edit raises, with a snapshot per
-- version, the tags and stage a submission applies, landing-page content, and spam settings.
-- Submissions record the form version they were made under. A quarantined submission has no
-- lead until a reviewer releases it, which records it anew.

ALTER TABLE forms
    ADD COLUMN version                 integer NOT NULL DEFAULT 1,
    ADD COLUMN tags                    text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN stage                   text,
    ADD COLUMN landing                 jsonb   NOT NULL DEFAULT '{}',
    -- 0 turns the minimum fill time off. Existing forms keep working without render tokens;
    -- forms created through the API default to 3 seconds.
    ADD COLUMN min_fill_seconds        integer NOT NULL DEFAULT 0,
    ADD COLUMN require_render_token    boolean NOT NULL DEFAULT false,
    ADD COLUMN pow_bits                integer NOT NULL DEFAULT 0,
    ADD COLUMN ip_limit                integer NOT NULL DEFAULT 20,
    ADD COLUMN ip_limit_seconds        integer NOT NULL DEFAULT 60,
    ADD COLUMN email_limit             integer NOT NULL DEFAULT 5,
    ADD COLUMN email_limit_seconds     integer NOT NULL DEFAULT 3600,
    ADD CONSTRAINT forms_version_check CHECK (version >= 1),
    ADD CONSTRAINT forms_min_fill_seconds_check CHECK (min_fill_seconds BETWEEN 0 AND 600),
    ADD CONSTRAINT forms_pow_bits_check CHECK (pow_bits BETWEEN 0 AND 24),
    ADD CONSTRAINT forms_ip_limit_check CHECK (ip_limit >= 1 AND ip_limit_seconds >= 1),
    ADD CONSTRAINT forms_email_limit_check CHECK (email_limit >= 1 AND email_limit_seconds >= 1);

-- The definition of each form version, as the API returned it, so that a submission made
-- under an older version can always be read against the fields it was made with.
CREATE TABLE form_versions (
    form_id    bigint      NOT NULL,
    version    integer     NOT NULL,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT form_versions_pkey PRIMARY KEY (form_id, version),
    CONSTRAINT form_versions_form_id_fkey FOREIGN KEY (form_id)
        REFERENCES forms (id) ON DELETE CASCADE
);

ALTER TABLE submissions
    ALTER COLUMN lead_id DROP NOT NULL,
    ADD COLUMN form_version integer NOT NULL DEFAULT 1,
    ADD COLUMN status       text    NOT NULL DEFAULT 'accepted',
    ADD COLUMN spam_reason  text,
    ADD CONSTRAINT submissions_status_check
        CHECK (status IN ('accepted', 'quarantined', 'released')),
    ADD CONSTRAINT submissions_lead_check CHECK (status = 'quarantined' OR lead_id IS NOT NULL);

CREATE INDEX submissions_quarantined_idx ON submissions (form_id, created_at)
    WHERE status = 'quarantined';

-- Consents given under double opt-in wait for confirmation; confirm_sent_at is when the last
-- confirmation email went out.
ALTER TABLE consents
    ADD COLUMN double_opt_in   boolean NOT NULL DEFAULT false,
    ADD COLUMN confirm_sent_at timestamptz;

-- Fixed-window counters shared by every node: one row per (bucket, window start). A bucket
-- names what is limited, such as one IP hash on one form.
CREATE TABLE rate_limit_windows (
    bucket       text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL DEFAULT 0,
    expires_at   timestamptz NOT NULL,
    CONSTRAINT rate_limit_windows_pkey PRIMARY KEY (bucket, window_start)
);

CREATE INDEX rate_limit_windows_expires_at_idx ON rate_limit_windows (expires_at);
