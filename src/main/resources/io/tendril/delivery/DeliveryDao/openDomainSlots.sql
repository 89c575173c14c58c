-- Opens the minute's counter of each recipient domain of a claim, in scope order, so that two
-- nodes opening the same domains never wait on each other in a cycle.
INSERT INTO send_slots (scope, window_start, reserved)
SELECT scope, :windowStart, 0
FROM unnest(CAST(:scopes AS text[])) AS w(scope)
ORDER BY scope
ON CONFLICT (scope, window_start) DO NOTHING
