INSERT INTO api_tokens (user_id, name, token_hash)
VALUES (:userId, :name, :tokenHash)
RETURNING id
