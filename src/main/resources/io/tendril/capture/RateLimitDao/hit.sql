INSERT INTO rate_limit_windows AS w (bucket, window_start, hits, expires_at)
VALUES (:bucket, CAST(:windowStart AS timestamptz), 1, CAST(:expiresAt AS timestamptz))
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = w.hits + 1
RETURNING hits
