-- Enrolls the lead unless it was ever enrolled in this sequence. The partial unique index on
-- active enrollments settles a race between two submissions of the same lead.
INSERT INTO enrollments (lead_id, sequence_id, form_id, next_position, next_due_at)
SELECT :leadId, s.id, :formId, first.position,
       CAST(:now AS timestamptz) + make_interval(mins => first.delay_minutes)
FROM sequences s
JOIN LATERAL (
    SELECT position, delay_minutes
    FROM steps
    WHERE sequence_id = s.id
    ORDER BY position
    LIMIT 1
) first ON true
WHERE s.id = :sequenceId
  AND s.status = 'active'
  AND NOT EXISTS (
      SELECT 1 FROM enrollments e WHERE e.lead_id = :leadId AND e.sequence_id = s.id
  )
ON CONFLICT (lead_id, sequence_id) WHERE status IN ('active', 'paused') DO NOTHING
RETURNING id
