-- Hour windows are the longest; a window is kept until an hour after it ended.
DELETE FROM send_slots
WHERE window_start < CAST(:now AS timestamptz) - interval '2 hours'
