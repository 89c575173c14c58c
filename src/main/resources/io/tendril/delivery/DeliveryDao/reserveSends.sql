-- Takes up to :wanted of the :rate sends of one scope's window. Slots below :floor count as
-- taken: their time in the window has passed. Returns how many it took and how many were taken
-- before, which places this node's sends in the window. The subquery locks the row, so nodes
-- reserving at once wait here, and each reads the count the other left.
UPDATE send_slots s
SET reserved = LEAST(GREATEST(s.reserved, :floor) + :wanted, :rate)
FROM (SELECT scope, window_start, GREATEST(reserved, :floor) AS reserved FROM send_slots
      WHERE scope = :scope AND window_start = :windowStart FOR UPDATE) old
WHERE s.scope = old.scope AND s.window_start = old.window_start
RETURNING LEAST(old.reserved + :wanted, :rate) - LEAST(old.reserved, :rate) AS granted,
          LEAST(old.reserved, :rate) AS taken
