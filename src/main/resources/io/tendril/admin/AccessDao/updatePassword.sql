UPDATE users SET password_hash = :passwordHash WHERE id = :userId
