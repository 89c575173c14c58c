INSERT INTO rate_limit_windows AS w (bucket, window_start, hits, expires_at)
VALUES (:bucket, CAST(:windowStart AS timestamptz), :hits, CAST(:expiresAt AS timestamptz))
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = w.hits + EXCLUDED.hits
RETURNING hits
