-- Records the highest events id taken so far, committed or not. A sequence that has never
-- been used has last_value 1 with is_called false, so no id is taken yet.
INSERT INTO report_id_marks (taken_at, max_event_id)
SELECT clock_timestamp(), CASE WHEN is_called THEN last_value ELSE last_value - 1 END
FROM events_id_seq
