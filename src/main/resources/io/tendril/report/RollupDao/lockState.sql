-- Locks the rollup position until the transaction ends; a second node waits here, then reads
-- the position the first one committed.
SELECT last_event_id
FROM report_state
WHERE name = 'events'
FOR UPDATE
