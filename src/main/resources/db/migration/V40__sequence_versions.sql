-- Sequences become versioned programs of steps.
--
-- A sequence keeps its settings in place (name, time zone, default send window, goal exits,
-- re-enrollment policy) and the number of its current version. Its steps are stored per
-- version and never change once written: an edit writes the whole list again as version n + 1.
-- An enrollment runs the version it started on, so an edit never moves a lead in flight.
ALTER TABLE sequences
    ADD COLUMN version      integer  NOT NULL DEFAULT 1,
    ADD COLUMN window_days  smallint[],
    ADD COLUMN window_start time,
    ADD COLUMN window_end   time,
    ADD COLUMN goal_exits   jsonb    NOT NULL DEFAULT '{}',
    ADD COLUMN reenroll     text     NOT NULL DEFAULT 'never',
    ADD CONSTRAINT sequences_version_check CHECK (version >= 1),
    ADD CONSTRAINT sequences_reenroll_check CHECK (reenroll IN ('never', 'after_end')),
    ADD CONSTRAINT sequences_window_check
        CHECK (window_start IS NULL
               OR (window_end > window_start AND cardinality(window_days) > 0));

-- A step waits, then acts when its condition holds (a step whose condition fails is skipped).
-- The wait is wait_amount minutes, hours or calendar days, or until the next wait_weekday
-- (1 = Monday .. 7 = Sunday) at wait_time; it ends inside the step's send window, else the
-- sequence's. The action sends an email, sets the stage or adds or removes a tag
-- (action_value).
ALTER TABLE steps
    ADD COLUMN version      integer  NOT NULL DEFAULT 1,
    ADD COLUMN action       text     NOT NULL DEFAULT 'email',
    ADD COLUMN action_value text,
    ADD COLUMN condition    jsonb,
    ADD COLUMN wait_unit    text     NOT NULL DEFAULT 'minutes',
    ADD COLUMN wait_amount  integer  NOT NULL DEFAULT 0,
    ADD COLUMN wait_weekday smallint,
    ADD COLUMN wait_time    time,
    ADD COLUMN window_days  smallint[],
    ADD COLUMN window_start time,
    ADD COLUMN window_end   time;

UPDATE steps SET wait_amount = delay_minutes;

ALTER TABLE steps
    DROP CONSTRAINT steps_sequence_id_position_key,
    DROP CONSTRAINT steps_delay_minutes_check,
    DROP COLUMN delay_minutes,
    ADD CONSTRAINT steps_sequence_id_version_position_key UNIQUE (sequence_id, version, position),
    ADD CONSTRAINT steps_action_check
        CHECK (action IN ('email', 'set_stage', 'add_tag', 'remove_tag')),
    ADD CONSTRAINT steps_action_value_check
        CHECK (action = 'email' OR length(action_value) > 0),
    ADD CONSTRAINT steps_wait_unit_check
        CHECK (wait_unit IN ('minutes', 'hours', 'days', 'weekday')),
    ADD CONSTRAINT steps_wait_amount_check CHECK (wait_amount >= 0),
    ADD CONSTRAINT steps_wait_weekday_check
        CHECK (wait_unit <> 'weekday' OR (wait_weekday BETWEEN 1 AND 7 AND wait_time IS NOT NULL)),
    ADD CONSTRAINT steps_window_check
        CHECK (window_start IS NULL
               OR (window_end > window_start AND cardinality(window_days) > 0));

-- next_position 0 means the enrollment has not been scheduled yet: the due pass computes the
-- first step's due time in the lead's time zone, which SQL alone cannot do.
ALTER TABLE enrollments
    ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD CONSTRAINT enrollments_next_position_check CHECK (next_position >= 0);

ALTER TABLE events DROP CONSTRAINT events_type_check;
ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN ('submit', 'consent', 'enroll',
    'sent', 'failed', 'open', 'click', 'unsubscribe', 'bounce', 'complaint', 'stage', 'tag',
    'exit', 'skip'));

-- Goal exits: {"stages": [...], "tags": [...], "forms": [slugs], "any_other_form": bool}.
-- Reaching one of the stages or gaining one of the tags ends the lead's running enrollments in
-- the sequence, whoever changed the lead (a step, a form, the API, an operator's SQL), so the
-- rule lives in a trigger.
CREATE FUNCTION leads_goal_exits() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH reached AS (
        SELECT e.id
        FROM enrollments e
        JOIN sequences q ON q.id = e.sequence_id
        WHERE e.lead_id = NEW.id
          AND e.status IN ('active', 'paused')
          AND ((NEW.stage IS DISTINCT FROM OLD.stage
                AND q.goal_exits -> 'stages' ? NEW.stage)
               OR EXISTS (
                   SELECT 1 FROM unnest(NEW.tags) AS t(tag)
                   WHERE NOT t.tag = ANY (OLD.tags)
                     AND q.goal_exits -> 'tags' ? t.tag))
    ),
    exited AS (
        UPDATE enrollments e
        SET status = 'exited', exit_reason = 'goal', ended_at = now(), updated_at = now()
        FROM reached
        WHERE e.id = reached.id
        RETURNING e.id, e.sequence_id
    )
    INSERT INTO events (lead_id, type, data)
    SELECT NEW.id, 'exit', jsonb_build_object('enrollment_id', id, 'sequence_id', sequence_id,
                                              'reason', 'goal')
    FROM exited;
    RETURN NEW;
END;
$$;

CREATE TRIGGER leads_goal_exits
    AFTER UPDATE OF stage, tags ON leads
    FOR EACH ROW
    WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.tags IS DISTINCT FROM NEW.tags)
    EXECUTE FUNCTION leads_goal_exits();

-- A submission of a form named in a sequence's goal exits, or of any form other than the one
-- that enrolled the lead when any_other_form is set, ends the lead's running enrollment in it.
CREATE FUNCTION submissions_goal_exits() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH reached AS (
        SELECT e.id
        FROM enrollments e
        JOIN sequences q ON q.id = e.sequence_id
        JOIN forms f ON f.id = NEW.form_id
        WHERE e.lead_id = NEW.lead_id
          AND e.status IN ('active', 'paused')
          AND (q.goal_exits -> 'forms' ? f.slug
               OR (q.goal_exits -> 'any_other_form' = 'true'
                   AND e.form_id IS DISTINCT FROM NEW.form_id))
    ),
    exited AS (
        UPDATE enrollments e
        SET status = 'exited', exit_reason = 'form', ended_at = now(), updated_at = now()
        FROM reached
        WHERE e.id = reached.id
        RETURNING e.id, e.sequence_id
    )
    INSERT INTO events (lead_id, type, submission_id, data)
    SELECT NEW.lead_id, 'exit', NEW.id,
           jsonb_build_object('enrollment_id', id, 'sequence_id', sequence_id, 'reason', 'form')
    FROM exited;
    RETURN NEW;
END;
$$;

CREATE TRIGGER submissions_goal_exits
    AFTER INSERT ON submissions
    FOR EACH ROW
    WHEN (NEW.lead_id IS NOT NULL AND NEW.status <> 'quarantined')
    EXECUTE FUNCTION submissions_goal_exits();

-- The claim looks up the last sent message of each enrollment, for open and click conditions.
CREATE INDEX messages_enrollment_id_idx ON messages (enrollment_id, id);
