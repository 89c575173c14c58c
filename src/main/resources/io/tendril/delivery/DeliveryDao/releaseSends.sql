UPDATE send_slots
SET reserved = GREATEST(reserved - :count, 0)
WHERE second = :second
