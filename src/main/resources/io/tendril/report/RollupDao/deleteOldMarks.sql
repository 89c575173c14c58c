-- Deletes the marks below the horizon: a newer mark at or below it is always there to use.
DELETE FROM report_id_marks
WHERE max_event_id < :horizon
