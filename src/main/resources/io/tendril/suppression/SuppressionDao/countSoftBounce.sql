UPDATE leads
SET soft_bounce_count = soft_bounce_count + 1, updated_at = :now
WHERE id = :leadId
RETURNING soft_bounce_count
