SELECT id, name, position FROM steps WHERE id = :stepId
