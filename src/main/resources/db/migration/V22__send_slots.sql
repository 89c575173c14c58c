-- The cluster-wide send rate: emails reserved per second, counted across all nodes. A pass
-- reserves its batch here before claiming it; rows older than a minute are deleted.
CREATE TABLE send_slots (
    second     timestamptz NOT NULL,
    reserved   integer     NOT NULL DEFAULT 0,
    CONSTRAINT send_slots_pkey PRIMARY KEY (second),
    CONSTRAINT send_slots_reserved_check CHECK (reserved >= 0)
);
