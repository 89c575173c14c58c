-- Every API token, newest first, without its hash: a token is shown only when it is created.
SELECT t.id, t.name, u.email AS user_email, t.created_at, t.last_used_at, t.revoked_at
FROM api_tokens t
JOIN users u ON u.id = t.user_id
ORDER BY t.id DESC
