UPDATE messages m
SET smtp_message_id = u.smtp_message_id, subject = u.subject, links = CAST(u.links AS jsonb)
FROM unnest(CAST(:ids AS bigint[]), CAST(:smtpMessageIds AS text[]), CAST(:subjects AS text[]),
            CAST(:links AS text[]))
     AS u(id, smtp_message_id, subject, links)
WHERE m.id = u.id
  AND m.status = 'sending'
