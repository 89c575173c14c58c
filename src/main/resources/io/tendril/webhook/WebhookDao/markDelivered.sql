UPDATE webhook_deliveries
SET status = 'delivered', response_status = :responseStatus, error = NULL,
    next_attempt_at = :now, delivered_at = :now
WHERE id = :id
