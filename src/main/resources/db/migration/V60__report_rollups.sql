-- Report rollups: per-day counters that the rollup job maintains from the events table, so that
-- a report reads a few thousand counter rows instead of scanning every event of its range.
--
-- Every counter row is keyed by its UTC day and by the source, medium and campaign of the
-- lead's first touch ('' when the lead has none), so that the campaign report adds up the same
-- rows that the sequence and form reports read.

-- The rollup job's position in the events table: every event with id <= last_event_id is
-- counted. The job locks this row for each batch, so two nodes never count a batch twice.
CREATE TABLE report_state (
    name          text        NOT NULL,
    last_event_id bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_state_pkey PRIMARY KEY (name)
);

INSERT INTO report_state (name) VALUES ('events');

-- The events id sequence's value at each rollup pass. Ids are taken before their transaction
-- commits, so an event with a lower id can become visible after one with a higher id. The job
-- counts only events with ids up to a mark old enough that every transaction holding a lower
-- id has committed or rolled back.
CREATE TABLE report_id_marks (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    taken_at     timestamptz NOT NULL,
    max_event_id bigint      NOT NULL,
    CONSTRAINT report_id_marks_pkey PRIMARY KEY (id)
);

-- The first time each kind of engagement reached a message, so that a message counts once in
-- the unique opens and clicks however often it was opened or clicked. Only messages with at
-- least one open, click, bounce, complaint or unsubscribe have a row.
CREATE TABLE report_messages (
    message_id        bigint      NOT NULL,
    human_opened_at   timestamptz,
    human_clicked_at  timestamptz,
    machine_opened_at timestamptz,
    machine_clicked_at timestamptz,
    bounced_at        timestamptz,
    complained_at     timestamptz,
    unsubscribed_at   timestamptz,
    CONSTRAINT report_messages_pkey PRIMARY KEY (message_id)
);

-- Email figures per day and step. sent and failed count 'sent' and 'failed' events; the other
-- columns count messages on the day of their first event of that kind.
CREATE TABLE report_step_days (
    day            date   NOT NULL,
    step_id        bigint NOT NULL,
    utm_source     text   NOT NULL,
    utm_medium     text   NOT NULL,
    utm_campaign   text   NOT NULL,
    sent           bigint NOT NULL DEFAULT 0,
    failed         bigint NOT NULL DEFAULT 0,
    bounced        bigint NOT NULL DEFAULT 0,
    complaints     bigint NOT NULL DEFAULT 0,
    unsubscribes   bigint NOT NULL DEFAULT 0,
    human_opens    bigint NOT NULL DEFAULT 0,
    human_clicks   bigint NOT NULL DEFAULT 0,
    machine_opens  bigint NOT NULL DEFAULT 0,
    machine_clicks bigint NOT NULL DEFAULT 0,
    CONSTRAINT report_step_days_pkey
        PRIMARY KEY (day, step_id, utm_source, utm_medium, utm_campaign)
);

-- Capture figures per day and form: submissions, submissions that created their lead, and
-- double opt-in confirmations.
CREATE TABLE report_form_days (
    day          date   NOT NULL,
    form_id      bigint NOT NULL,
    utm_source   text   NOT NULL,
    utm_medium   text   NOT NULL,
    utm_campaign text   NOT NULL,
    submissions  bigint NOT NULL DEFAULT 0,
    new_leads    bigint NOT NULL DEFAULT 0,
    confirmed    bigint NOT NULL DEFAULT 0,
    CONSTRAINT report_form_days_pkey
        PRIMARY KEY (day, form_id, utm_source, utm_medium, utm_campaign)
);

-- Enrollments that ended by a goal exit (a goal stage or tag, or a goal form), per day of the
-- exit, sequence and the form that enrolled the lead (0 when none did, such as an API
-- enrollment).
CREATE TABLE report_conversion_days (
    day          date   NOT NULL,
    sequence_id  bigint NOT NULL,
    form_id      bigint NOT NULL,
    utm_source   text   NOT NULL,
    utm_medium   text   NOT NULL,
    utm_campaign text   NOT NULL,
    conversions  bigint NOT NULL DEFAULT 0,
    CONSTRAINT report_conversion_days_pkey
        PRIMARY KEY (day, sequence_id, form_id, utm_source, utm_medium, utm_campaign)
);
