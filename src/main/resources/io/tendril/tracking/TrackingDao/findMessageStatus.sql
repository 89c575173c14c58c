SELECT status FROM messages WHERE id = :messageId
