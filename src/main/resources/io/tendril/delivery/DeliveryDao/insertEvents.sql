-- Timeline events of a claim: skipped steps and goal exits.
INSERT INTO events (lead_id, type, data, occurred_at)
SELECT u.lead_id, u.type, CAST(u.data AS jsonb), :now
FROM unnest(CAST(:leadIds AS bigint[]), CAST(:types AS text[]), CAST(:data AS text[]))
     AS u(lead_id, type, data)
