SELECT id FROM leads WHERE email_key = :emailKey AND status = 'unsubscribed'
