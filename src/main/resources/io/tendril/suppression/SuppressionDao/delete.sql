DELETE FROM suppressions WHERE email_key = :emailKey
