-- Records a sending chunk's progress in one statement: the emails SMTP accepted become 'sent',
-- each with a 'sent' event, and the Message-ID, subject and links of the emails about to be
-- handed to SMTP are stored first. A 'sending' message with no Message-ID was never handed to
-- SMTP, so when its node stops it is queued again instead of being reported unknown.
WITH rendered AS (
    UPDATE messages m
    SET smtp_message_id = u.smtp_message_id, subject = u.subject, links = CAST(u.links AS jsonb)
    FROM unnest(CAST(:ids AS bigint[]), CAST(:smtpMessageIds AS text[]),
                CAST(:subjects AS text[]), CAST(:links AS text[]))
         AS u(id, smtp_message_id, subject, links)
    WHERE m.id = u.id
      AND m.status = 'sending'
    RETURNING m.id
),
done AS (
    UPDATE messages m
    SET status = 'sent', sent_at = :now, updated_at = :now
    FROM unnest(CAST(:sentIds AS bigint[])) AS u(id)
    WHERE m.id = u.id
      AND m.status = 'sending'
    RETURNING m.id, m.lead_id
)
INSERT INTO events (lead_id, type, message_id, occurred_at)
SELECT lead_id, 'sent', id, :now
FROM done
