SELECT id, email, password_hash, role
FROM users
WHERE lower(email) = lower(:email)
