-- Serialises changes to webhooks, so that syncTrigger sees the outcome of the one before.
LOCK TABLE webhooks IN SHARE ROW EXCLUSIVE MODE
