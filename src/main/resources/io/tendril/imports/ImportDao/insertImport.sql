INSERT INTO imports (file_name, options, user_id)
VALUES (:fileName, CAST(:options AS jsonb), :userId)
RETURNING id
