-- The lines whose address a later line of the same file repeats, with the line that won.
SELECT line, email, kept_line
FROM (SELECT line, email, max(line) OVER (PARTITION BY email_key) AS kept_line
      FROM import_rows) AS d
WHERE line <> kept_line
ORDER BY line
LIMIT :limit
