DELETE FROM send_slots
WHERE second < CAST(:second AS timestamptz) - interval '1 minute'
