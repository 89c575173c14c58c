-- Erases the personal data of lead :id in one statement and returns its id, or nothing when no
-- such lead exists. The lead row stays, anonymous and 'erased', so that counts in reports and
-- the rows that point at it keep adding up. Its email_key becomes 'erased:ID', so a later
-- sign-up creates a new lead. Removed: profile fields, attributes and tags; the referrer, page
-- URL and gclid of its touches and submissions; submitted values, user agents and IP hashes;
-- email subjects and SMTP errors; the URLs, user agents and report texts of its events. Its
-- running enrollments exit (an 'exit' event each) and its queued retries fail. A suppression
-- row stays, because it is what keeps the address from being mailed again.
WITH enrollments_ended AS (
    UPDATE enrollments
    SET status = 'exited', exit_reason = 'erased', next_due_at = NULL, ended_at = :now,
        updated_at = :now
    WHERE lead_id = :id AND status IN ('active', 'paused')
    RETURNING id, sequence_id
),
exits_recorded AS (
    INSERT INTO events (lead_id, type, data, occurred_at)
    SELECT :id, 'exit', jsonb_build_object('enrollment_id', id, 'sequence_id', sequence_id,
                                           'reason', 'erased'), :now
    FROM enrollments_ended
),
messages_scrubbed AS (
    UPDATE messages
    SET subject = NULL, error = CASE WHEN status = 'queued' THEN 'lead erased' END,
        status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END,
        next_attempt_at = NULL, updated_at = :now
    WHERE lead_id = :id
),
submissions_scrubbed AS (
    UPDATE submissions
    SET payload = '{}', gclid = NULL, referrer = NULL, page_url = NULL, user_agent = NULL,
        ip_hash = NULL
    WHERE lead_id = :id
),
consents_scrubbed AS (
    UPDATE consents SET ip_hash = NULL WHERE lead_id = :id
),
events_scrubbed AS (
    UPDATE events
    SET data = data - ARRAY['url', 'user_agent', 'detail', 'error']
    WHERE lead_id = :id
      AND jsonb_exists_any(data, ARRAY['url', 'user_agent', 'detail', 'error'])
),
suppressions_unlinked AS (
    UPDATE suppressions SET lead_id = NULL, detail = '' WHERE lead_id = :id
)
UPDATE leads
SET email = '', email_key = 'erased:' || id, name = '', phone = '', company = '',
    attributes = '{}', time_zone = NULL, tags = '{}',
    first_touch = first_touch - ARRAY['referrer', 'page_url', 'gclid'],
    last_touch = last_touch - ARRAY['referrer', 'page_url', 'gclid'],
    status = 'erased', updated_at = :now
WHERE id = :id
RETURNING id
