SELECT id, lead_id, sequence_id, form_id, version, next_position, next_due_at, status, exit_reason,
       created_at, updated_at, ended_at
FROM enrollments
WHERE id = :id
