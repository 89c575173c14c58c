SELECT u.id AS user_id, u.email, s.csrf_token
FROM admin_sessions s
JOIN users u ON u.id = s.user_id
WHERE s.id_hash = :idHash
  AND s.expires_at > :now
