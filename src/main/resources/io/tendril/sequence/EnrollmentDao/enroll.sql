-- Enrolls the lead unless it was ever enrolled in this sequence. The partial unique index on
-- active enrollments settles a race between two submissions of the same lead. An enrollment in
-- a paused sequence is paused with it, and starts when the sequence resumes.
INSERT INTO enrollments (lead_id, sequence_id, form_id, next_position, next_due_at, status)
SELECT :leadId, s.id, :formId, first.position,
       CAST(:now AS timestamptz) + make_interval(mins => first.delay_minutes),
       CASE WHEN s.status = 'paused' THEN 'paused' ELSE 'active' END
FROM sequences s
JOIN LATERAL (
    SELECT position, delay_minutes
    FROM steps
    WHERE sequence_id = s.id
    ORDER BY position
    LIMIT 1
) first ON true
WHERE s.id = :sequenceId
  AND s.status IN ('active', 'paused')
  AND NOT EXISTS (
      SELECT 1 FROM enrollments e WHERE e.lead_id = :leadId AND e.sequence_id = s.id
  )
ON CONFLICT (lead_id, sequence_id) WHERE status IN ('active', 'paused') DO NOTHING
RETURNING id
