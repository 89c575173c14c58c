-- The due claim writes a message row for every email it sends, so each index entry and foreign
-- key check of messages is paid per email. Two of them repeat what another one does.

-- messages_enrollment_id_step_id_key starts with enrollment_id, so every lookup of messages by
-- enrollment can use it. Those lookups are the claim's last sent message and its check for
-- messages queued or being sent, an enrollment's last engagement, the retry clean-up when an
-- enrollment exits, and the cascade when an enrollment is deleted. An enrollment has at most one
-- message per step, so ordering its messages by id sorts a handful of rows. The index on
-- (enrollment_id, id) only spared that sort, and it cost every new message one more index entry.
DROP INDEX messages_enrollment_id_idx;

-- A message's lead is its enrollment's lead, because the claim copies enrollments.lead_id into it
-- and nothing changes either column afterwards. Deleting a lead deletes its enrollments
-- (enrollments_lead_id_fkey), and those delete their messages (messages_enrollment_id_fkey).
-- The lead key checked the same fact again and locked the lead row of every new message.
-- messages_lead_id_idx stays for the lead's message list.
ALTER TABLE messages DROP CONSTRAINT messages_lead_id_fkey;
