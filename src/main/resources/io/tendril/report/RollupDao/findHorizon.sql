-- The highest events id that is safe to count: the newest mark at least :lagMillis old. Every
-- transaction that took a lower id had that long to commit or roll back.
SELECT max(max_event_id)
FROM report_id_marks
WHERE taken_at <= clock_timestamp() - make_interval(secs => :lagMillis / 1000.0)
