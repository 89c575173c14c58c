-- Creates the first user; does nothing once any user exists, so a restart never resets a password.
INSERT INTO users (email, password_hash, role)
SELECT :email, :passwordHash, 'admin'
WHERE NOT EXISTS (SELECT 1 FROM users)
ON CONFLICT (email) DO NOTHING
RETURNING id
