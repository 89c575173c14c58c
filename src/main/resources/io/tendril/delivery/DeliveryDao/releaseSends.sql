UPDATE send_slots
SET reserved = GREATEST(reserved - :count, 0)
WHERE scope = :scope AND window_start = :windowStart
