-- One row per address: the last line of the file with it wins, as if each line were imported
-- in turn.
CREATE TEMPORARY TABLE import_latest ON COMMIT DROP AS
SELECT DISTINCT ON (email_key) *
FROM import_rows
ORDER BY email_key, line DESC
