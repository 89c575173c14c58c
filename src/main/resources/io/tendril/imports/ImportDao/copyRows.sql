COPY import_rows (line, email, email_key, name, phone, company, time_zone, stage, tags,
                  attributes)
FROM STDIN
