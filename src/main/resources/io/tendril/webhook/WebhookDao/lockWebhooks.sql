-- Serialises changes to webhooks, so that syncTrigger reads the outcome of the one before.
LOCK TABLE webhooks IN SHARE ROW EXCLUSIVE MODE
