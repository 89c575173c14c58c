UPDATE alerts SET resolved_at = :now WHERE id = :id AND resolved_at IS NULL
