INSERT INTO send_slots (second, reserved)
VALUES (:second, 0)
ON CONFLICT (second) DO NOTHING
