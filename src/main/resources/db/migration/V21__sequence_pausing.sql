-- Pausing: the due queue contains only active enrollments, so a paused sequence's enrollments
-- are paused with it and leave the queue. Resuming puts them back with their due times
-- unchanged, so what fell due meanwhile is sent at once. This is a trigger because every writer
-- of sequences.status (the API, the bounce guardrail, an admin's SQL) must pause the same way.
CREATE FUNCTION sequences_hold_enrollments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'paused' THEN
        UPDATE enrollments SET status = 'paused', updated_at = now()
        WHERE sequence_id = NEW.id AND status = 'active';
    ELSIF NEW.status = 'active' THEN
        UPDATE enrollments SET status = 'active', updated_at = now()
        WHERE sequence_id = NEW.id AND status = 'paused';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER sequences_status_hold_enrollments
    AFTER UPDATE OF status ON sequences
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION sequences_hold_enrollments();

CREATE INDEX enrollments_sequence_id_status_idx ON enrollments (sequence_id, status);
