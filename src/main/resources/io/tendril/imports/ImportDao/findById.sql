SELECT i.id, i.file_name, i.options::text AS options, i.row_count, i.created_count,
       i.updated_count, i.unchanged_count, i.duplicate_count, i.skipped_count,
       i.report::text AS report, u.email AS user_email, i.created_at
FROM imports i
LEFT JOIN users u ON u.id = i.user_id
WHERE i.id = :id
