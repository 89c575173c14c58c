UPDATE imports
SET row_count = :rows, created_count = :created, updated_count = :updated,
    unchanged_count = :unchanged, duplicate_count = :duplicates, skipped_count = :skipped,
    report = CAST(:report AS jsonb)
WHERE id = :id
