-- The newest imports first; with :before, only those older than that import id.
SELECT i.id, i.file_name, i.options::text AS options, i.row_count, i.created_count,
       i.updated_count, i.unchanged_count, i.duplicate_count, i.skipped_count,
       i.report::text AS report, u.email AS user_email, i.created_at
FROM imports i
LEFT JOIN users u ON u.id = i.user_id
WHERE CAST(:before AS bigint) IS NULL OR i.id < :before
ORDER BY i.id DESC
LIMIT :limit
