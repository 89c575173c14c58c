INSERT INTO sequences (key, name, status, time_zone, window_days, window_start, window_end,
                       goal_exits, reenroll, version, created_at, updated_at)
VALUES (:key, :settings.name, :status, :settings.timeZone,
        CAST(:settings.windowDays AS smallint[]), CAST(:settings.windowStart AS time),
        CAST(:settings.windowEnd AS time), CAST(:settings.goalExits AS jsonb),
        :settings.reenroll, 1, :now, :now)
ON CONFLICT (key) DO NOTHING
RETURNING id
