SELECT last_event_id, updated_at
FROM report_state
WHERE name = 'events'
