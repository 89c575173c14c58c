SELECT links ->> :index
FROM messages
WHERE id = :messageId
