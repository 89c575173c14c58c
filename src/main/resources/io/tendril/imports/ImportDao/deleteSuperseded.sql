-- Keeps one row per address: the last line of the file with it wins, as if each line were
-- imported in turn.
DELETE FROM import_rows r
USING (SELECT email_key, max(line) AS kept_line
       FROM import_rows
       GROUP BY email_key
       HAVING count(*) > 1) AS d
WHERE r.email_key = d.email_key
  AND r.line < d.kept_line
