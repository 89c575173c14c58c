-- The rows of one import as the COPY from the file writes them, dropped when the import's
-- transaction ends. An empty value is NULL; tags are the row's and the import's.
CREATE TEMPORARY TABLE import_rows (
    line       integer NOT NULL,
    email      text    NOT NULL,
    email_key  text    NOT NULL,
    name       text,
    phone      text,
    company    text,
    time_zone  text,
    stage      text,
    tags       text[]  NOT NULL,
    attributes jsonb   NOT NULL
) ON COMMIT DROP
