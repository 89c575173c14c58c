-- Enrolls the lead in the sequence's current version, unless the re-enrollment policy forbids
-- it: 'never' refuses a lead that was ever enrolled, 'after_end' one whose enrollment still
-- runs. The partial unique index on running enrollments settles a race between two
-- submissions of the same lead. The enrollment is due at once at position 0: the due pass
-- computes the first step's due time in the lead's time zone. An enrollment in a paused
-- sequence is paused with it and starts when the sequence resumes. An 'enroll' event on the
-- lead's timeline records where the enrollment came from: a form, or the API without one.
WITH enrolled AS (
    INSERT INTO enrollments (lead_id, sequence_id, form_id, version, next_position, next_due_at,
                             status)
    SELECT :leadId, s.id, :formId, s.version, 0, :now,
           CASE WHEN s.status = 'paused' THEN 'paused' ELSE 'active' END
    FROM sequences s
    WHERE s.id = :sequenceId
      AND s.status IN ('active', 'paused')
      AND EXISTS (SELECT 1 FROM steps WHERE sequence_id = s.id AND version = s.version)
      AND NOT EXISTS (
          SELECT 1 FROM enrollments e
          WHERE e.lead_id = :leadId
            AND e.sequence_id = s.id
            AND (s.reenroll = 'never' OR e.status IN ('active', 'paused'))
      )
    ON CONFLICT (lead_id, sequence_id) WHERE status IN ('active', 'paused') DO NOTHING
    RETURNING id, sequence_id, version
),
recorded AS (
    INSERT INTO events (lead_id, type, data, occurred_at)
    SELECT :leadId, 'enroll', jsonb_build_object('enrollment_id', id, 'sequence_id', sequence_id,
               'version', version, 'source',
               CASE WHEN CAST(:formId AS bigint) IS NULL THEN 'api' ELSE 'form' END), :now
    FROM enrolled
)
SELECT id FROM enrolled
