SELECT action
FROM steps
WHERE id = :stepId
