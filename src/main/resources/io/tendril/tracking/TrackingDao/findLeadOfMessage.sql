SELECT lead_id FROM messages WHERE id = :messageId
