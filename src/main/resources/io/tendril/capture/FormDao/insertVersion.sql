INSERT INTO form_versions (form_id, version, definition)
VALUES (:formId, :version, CAST(:definition AS jsonb))
ON CONFLICT (form_id, version) DO NOTHING
