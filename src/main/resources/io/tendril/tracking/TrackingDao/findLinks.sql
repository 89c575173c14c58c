-- The original URLs of a message's tracked links, in link-index order, and whether the message
-- is sent: the links of a sent message never change.
SELECT status = 'sent' AS sent, CAST(links AS text) AS links_json
FROM messages
WHERE id = :messageId
