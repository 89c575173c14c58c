DELETE FROM admin_sessions WHERE id_hash = :idHash OR expires_at < :now
