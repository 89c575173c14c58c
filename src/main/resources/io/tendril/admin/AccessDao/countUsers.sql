SELECT count(*) FROM users
