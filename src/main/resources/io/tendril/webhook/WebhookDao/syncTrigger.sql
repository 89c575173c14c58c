-- Creates the events trigger that writes deliveries when a webhook is active, and drops it
-- when none is. Creating it waits for the event inserts in flight, so every event committed
-- after the webhook change reaches the webhooks active then.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM webhooks WHERE active) THEN
        IF NOT EXISTS (SELECT 1 FROM pg_trigger
                       WHERE tgname = 'events_webhooks'
                         AND tgrelid = CAST('events' AS regclass)) THEN
            CREATE TRIGGER events_webhooks
                AFTER INSERT ON events
                REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT
                EXECUTE FUNCTION events_webhooks();
        END IF;
    ELSE
        DROP TRIGGER IF EXISTS events_webhooks ON events;
    END IF;
END
$$
