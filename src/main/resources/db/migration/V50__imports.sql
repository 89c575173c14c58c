-- CSV imports of leads: one row per committed import, with its options and outcome. An import
-- that fails changes nothing, so it leaves no row either. report holds the first skipped lines
-- and duplicate lines, as the import's response listed them.
CREATE TABLE imports (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    file_name       text        NOT NULL DEFAULT '',
    options         jsonb       NOT NULL DEFAULT '{}',
    row_count       integer     NOT NULL DEFAULT 0,
    created_count   integer     NOT NULL DEFAULT 0,
    updated_count   integer     NOT NULL DEFAULT 0,
    unchanged_count integer     NOT NULL DEFAULT 0,
    duplicate_count integer     NOT NULL DEFAULT 0,
    skipped_count   integer     NOT NULL DEFAULT 0,
    report          jsonb       NOT NULL DEFAULT '{}',
    user_id         bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT imports_pkey PRIMARY KEY (id),
    CONSTRAINT imports_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX imports_user_id_idx ON imports (user_id) WHERE user_id IS NOT NULL;

-- Each lead that an import creates gets one 'import' event.
ALTER TABLE events DROP CONSTRAINT events_type_check;
ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN ('submit', 'consent', 'enroll',
    'sent', 'failed', 'open', 'click', 'unsubscribe', 'bounce', 'complaint', 'stage', 'tag',
    'exit', 'skip', 'import'));
