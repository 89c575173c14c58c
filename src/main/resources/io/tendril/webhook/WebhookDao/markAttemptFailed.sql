-- Records a failed attempt: due again at :nextAttemptAt, or 'failed' for good when that is
-- null (the attempts ran out).
UPDATE webhook_deliveries
SET status = CASE WHEN CAST(:nextAttemptAt AS timestamptz) IS NULL THEN 'failed'
                  ELSE 'pending' END,
    next_attempt_at = COALESCE(CAST(:nextAttemptAt AS timestamptz), next_attempt_at),
    response_status = :responseStatus, error = :error
WHERE id = :id
