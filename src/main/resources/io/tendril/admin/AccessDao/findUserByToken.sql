UPDATE api_tokens t
SET last_used_at = now()
FROM users u
WHERE t.token_hash = :tokenHash
  AND t.revoked_at IS NULL
  AND u.id = t.user_id
RETURNING u.id, u.email, u.password_hash, u.role
