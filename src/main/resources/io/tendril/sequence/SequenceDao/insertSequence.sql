INSERT INTO sequences (key, name, status)
VALUES (:key, :name, 'active')
ON CONFLICT (key) DO NOTHING
RETURNING id
