-- Retries: a message rejected with a temporary SMTP reply (4xx) goes back to 'queued' until
-- next_attempt_at; the due pass claims it again then.
ALTER TABLE messages ADD COLUMN next_attempt_at timestamptz;

CREATE INDEX messages_retry_idx ON messages (next_attempt_at) WHERE status = 'queued';
