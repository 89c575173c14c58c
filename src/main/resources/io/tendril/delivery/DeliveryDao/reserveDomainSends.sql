-- Takes, for each recipient domain of a claim, up to its wanted sends of the minute's :rate and
-- returns what each got. The counters are locked in scope order, as they were opened.
WITH wanted AS (
    SELECT w.scope, w.wanted
    FROM unnest(CAST(:scopes AS text[]), CAST(:wanted AS int[])) AS w(scope, wanted)
),
old AS (
    SELECT s.scope, s.reserved
    FROM send_slots s
    JOIN wanted w ON w.scope = s.scope
    WHERE s.window_start = :windowStart
    ORDER BY s.scope
    FOR UPDATE OF s
)
UPDATE send_slots s
SET reserved = LEAST(old.reserved + w.wanted, :rate)
FROM old
JOIN wanted w ON w.scope = old.scope
WHERE s.scope = old.scope AND s.window_start = :windowStart
RETURNING s.scope, LEAST(old.reserved + w.wanted, :rate) - LEAST(old.reserved, :rate) AS granted
