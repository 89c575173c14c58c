WITH done AS (
    UPDATE messages m
    SET status = 'failed', updated_at = :now, subject = u.subject, error = u.error
    FROM unnest(CAST(:ids AS bigint[]), CAST(:subjects AS text[]), CAST(:errors AS text[]))
         AS u(id, subject, error)
    WHERE m.id = u.id
      AND m.status = 'sending'
    RETURNING m.id, m.lead_id, u.error
)
INSERT INTO events (lead_id, type, message_id, data, occurred_at)
SELECT lead_id, 'failed', id, jsonb_build_object('error', error), :now
FROM done
