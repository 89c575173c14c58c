-- Creates an admin with this email unless a user with it exists; never changes a password.
INSERT INTO users (email, password_hash, role)
SELECT :email, :passwordHash, 'admin'
WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(:email))
ON CONFLICT (email) DO NOTHING
RETURNING id
