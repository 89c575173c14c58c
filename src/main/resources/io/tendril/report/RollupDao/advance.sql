UPDATE report_state
SET last_event_id = :upTo, updated_at = now()
WHERE name = 'events'
