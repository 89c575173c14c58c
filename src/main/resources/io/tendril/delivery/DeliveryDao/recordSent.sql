WITH done AS (
    UPDATE messages m
    SET status = 'sent', sent_at = :now, updated_at = :now, smtp_message_id = u.smtp_message_id,
        subject = u.subject, links = CAST(u.links AS jsonb)
    FROM unnest(CAST(:ids AS bigint[]), CAST(:smtpMessageIds AS text[]),
                CAST(:subjects AS text[]), CAST(:links AS text[]))
         AS u(id, smtp_message_id, subject, links)
    WHERE m.id = u.id
      AND m.status = 'sending'
    RETURNING m.id, m.lead_id
)
INSERT INTO events (lead_id, type, message_id, occurred_at)
SELECT lead_id, 'sent', id, :now
FROM done
