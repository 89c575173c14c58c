DELETE FROM rate_limit_windows
WHERE expires_at < CAST(:now AS timestamptz)
