SELECT s.id, s.key, s.name, s.status, s.time_zone, s.version, s.window_days, s.window_start,
       s.window_end, s.goal_exits::text AS goal_exits, s.reenroll, s.created_at, s.updated_at,
       (SELECT count(*) FROM enrollments e
        WHERE e.sequence_id = s.id AND e.status IN ('active', 'paused')) AS running
FROM sequences s
WHERE s.id = :id
