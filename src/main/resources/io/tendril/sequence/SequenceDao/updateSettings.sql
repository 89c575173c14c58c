UPDATE sequences
SET name = :settings.name,
    time_zone = :settings.timeZone,
    window_days = CAST(:settings.windowDays AS smallint[]),
    window_start = CAST(:settings.windowStart AS time),
    window_end = CAST(:settings.windowEnd AS time),
    goal_exits = CAST(:settings.goalExits AS jsonb),
    reenroll = :settings.reenroll,
    updated_at = :now
WHERE id = :id
