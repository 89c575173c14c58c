-- A step's name and position, and the form that feeds its sequence (the oldest when several do).
SELECT s.id, s.name, s.position, f.name AS form_name, f.slug AS form_slug
FROM steps s
LEFT JOIN LATERAL (
    SELECT name, slug FROM forms WHERE sequence_id = s.sequence_id ORDER BY id LIMIT 1
) f ON true
WHERE s.id = :stepId
