-- The send rates share one table of counters: a row per scope and window. The scope is 'second'
-- (the cluster's emails per second), 'hour' (per hour) or 'domain:' followed by a recipient
-- domain (that domain's emails per minute).
ALTER TABLE send_slots RENAME COLUMN second TO window_start;
ALTER TABLE send_slots ADD COLUMN scope text NOT NULL DEFAULT 'second';
ALTER TABLE send_slots ALTER COLUMN scope DROP DEFAULT;
ALTER TABLE send_slots DROP CONSTRAINT send_slots_pkey;
ALTER TABLE send_slots ADD CONSTRAINT send_slots_pkey PRIMARY KEY (scope, window_start);
CREATE INDEX send_slots_window_start_idx ON send_slots (window_start);
