-- Revokes the token; revoking it again keeps the first revocation time. Returns nothing for an
-- unknown id.
UPDATE api_tokens
SET revoked_at = COALESCE(revoked_at, :now)
WHERE id = :id
RETURNING id
