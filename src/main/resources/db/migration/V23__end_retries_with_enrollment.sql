-- A message waiting for a retry belongs to a running enrollment. When the enrollment is exited
-- (unsubscribe, bounce, complaint, erasure), its queued message fails instead of waiting in the
-- retry queue for ever.
CREATE FUNCTION enrollments_end_retries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE messages
    SET status = 'failed', next_attempt_at = NULL, updated_at = now(),
        error = 'Not retried: the enrollment ended (' || COALESCE(NEW.exit_reason, 'exited')
                || ') while the message waited for a retry.'
    WHERE enrollment_id = NEW.id
      AND status = 'queued';
    RETURN NEW;
END;
$$;

CREATE TRIGGER enrollments_exit_end_retries
    AFTER UPDATE OF status ON enrollments
    FOR EACH ROW
    WHEN (NEW.status = 'exited' AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION enrollments_end_retries();
