-- Moves running enrollments of older versions to version :toVersion. Each keeps its
-- next_position (or the one :positionMap gives for it) when the new version has a step there,
-- else takes the next higher step; with none left it completes. Position 0 (not scheduled yet)
-- stays 0. Due times are kept.
WITH candidates AS (
    SELECT e.id,
           COALESCE(CAST(CAST(:positionMap AS jsonb) ->> CAST(e.next_position AS text)
                         AS integer),
                    e.next_position) AS wanted
    FROM enrollments e
    WHERE e.sequence_id = :sequenceId
      AND e.status IN ('active', 'paused')
      AND e.version < :toVersion
      AND (CAST(:fromVersion AS integer) IS NULL OR e.version = :fromVersion)
    FOR UPDATE OF e
),
placed AS (
    SELECT c.id,
           CASE WHEN c.wanted = 0 THEN 0
                ELSE (SELECT min(s.position) FROM steps s
                      WHERE s.sequence_id = :sequenceId
                        AND s.version = :toVersion
                        AND s.position >= c.wanted) END AS position
    FROM candidates c
)
UPDATE enrollments e
SET version = :toVersion,
    next_position = COALESCE(p.position, e.next_position),
    status = CASE WHEN p.position IS NULL THEN 'completed' ELSE e.status END,
    next_due_at = CASE WHEN p.position IS NULL THEN NULL ELSE e.next_due_at END,
    ended_at = CASE WHEN p.position IS NULL THEN CAST(:now AS timestamptz) END,
    updated_at = CAST(:now AS timestamptz)
FROM placed p
WHERE e.id = p.id
RETURNING e.id, e.status
