-- Puts back retries that their recipient domain's rate leaves no room for: queued again for a
-- later minute, with the attempt the claim counted taken back.
UPDATE messages m
SET status = 'queued', node_id = NULL, attempts = m.attempts - 1, next_attempt_at = u.at,
    updated_at = :now
FROM unnest(CAST(:ids AS bigint[]), CAST(:ats AS timestamptz[])) AS u(id, at)
WHERE m.id = u.id
