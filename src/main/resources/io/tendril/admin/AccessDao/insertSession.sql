INSERT INTO admin_sessions (id_hash, user_id, csrf_token, expires_at)
VALUES (:idHash, :userId, :csrfToken, :expiresAt)
