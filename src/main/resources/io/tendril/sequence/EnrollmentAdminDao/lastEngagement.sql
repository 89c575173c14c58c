-- Whether a human opened or clicked the enrollment's last sent email, as step conditions see it.
WITH last_sent AS (
    SELECT id
    FROM messages
    WHERE enrollment_id = :enrollmentId
      AND status = 'sent'
    ORDER BY id DESC
    LIMIT 1
)
SELECT EXISTS (SELECT 1 FROM events v JOIN last_sent m ON v.message_id = m.id
               WHERE v.type = 'open' AND v.human) AS opened,
       EXISTS (SELECT 1 FROM events v JOIN last_sent m ON v.message_id = m.id
               WHERE v.type = 'click' AND v.human) AS clicked
