-- Signs the user out everywhere but the session that changed the password.
DELETE FROM admin_sessions WHERE user_id = :userId AND id_hash <> :keepHash
