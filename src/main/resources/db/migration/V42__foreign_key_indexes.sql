-- Deleting a lead (erasure) deletes its submissions, which sets consents.submission_id to null,
-- and sets suppressions.lead_id to null. Without these indexes each deletion scanned the whole
-- consents and suppressions tables.
CREATE INDEX consents_submission_id_idx ON consents (submission_id)
    WHERE submission_id IS NOT NULL;
CREATE INDEX suppressions_lead_id_idx ON suppressions (lead_id) WHERE lead_id IS NOT NULL;
