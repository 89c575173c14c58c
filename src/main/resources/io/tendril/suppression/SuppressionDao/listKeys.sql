SELECT email_key FROM suppressions
