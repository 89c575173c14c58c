INSERT INTO send_slots (scope, window_start, reserved)
VALUES (:scope, :windowStart, 0)
ON CONFLICT (scope, window_start) DO NOTHING
