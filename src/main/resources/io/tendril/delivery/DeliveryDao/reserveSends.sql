-- Takes up to :wanted of the :rate sends of one second and returns how many it took. The
-- subquery locks the row, so nodes reserving at once wait here, and each reads the count the
-- other left.
UPDATE send_slots s
SET reserved = LEAST(s.reserved + :wanted, :rate)
FROM (SELECT second, reserved FROM send_slots WHERE second = :second FOR UPDATE) old
WHERE s.second = old.second
RETURNING LEAST(old.reserved + :wanted, :rate) - LEAST(old.reserved, :rate)
