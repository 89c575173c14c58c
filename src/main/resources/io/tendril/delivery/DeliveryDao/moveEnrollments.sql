-- Moves claimed enrollments to their next step and due time, or ends them.
UPDATE enrollments e
SET next_position = u.next_position,
    next_due_at   = u.next_due_at,
    status        = u.status,
    exit_reason   = u.exit_reason,
    ended_at      = CASE WHEN u.status = 'active' THEN NULL ELSE CAST(:now AS timestamptz) END,
    updated_at    = :now
FROM unnest(CAST(:ids AS bigint[]), CAST(:positions AS integer[]),
            CAST(:dueAts AS timestamptz[]), CAST(:statuses AS text[]),
            CAST(:reasons AS text[])) AS u(id, next_position, next_due_at, status, exit_reason)
WHERE e.id = u.id
  -- A goal exit through a stage or tag step of this claim stays as its trigger wrote it.
  AND e.status = 'active'
