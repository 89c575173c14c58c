-- Opens the minute's counter of each recipient domain of a claim. Rows are inserted in scope
-- order, so two nodes opening the same domains take them in the same order and do not deadlock.
INSERT INTO send_slots (scope, window_start, reserved)
SELECT scope, :windowStart, 0
FROM unnest(CAST(:scopes AS text[])) AS w(scope)
ORDER BY scope
ON CONFLICT (scope, window_start) DO NOTHING
