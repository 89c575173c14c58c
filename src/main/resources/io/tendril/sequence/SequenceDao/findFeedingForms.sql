-- The slugs of the active forms that enroll their new leads in sequence :id.
SELECT slug FROM forms WHERE sequence_id = :id AND status = 'active' ORDER BY slug
