UPDATE webhook_deliveries
SET status = 'delivered', response_status = :responseStatus, error = NULL,
    delivered_at = :now
WHERE id = :id
