SELECT count(*) FROM import_latest
