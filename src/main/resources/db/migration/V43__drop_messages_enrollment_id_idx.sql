-- messages_enrollment_id_step_id_key starts with enrollment_id, so every lookup of messages by
-- enrollment can use it. Those lookups are the claim's last sent message and its check for
-- messages queued or being sent, an enrollment's last engagement, the retry clean-up when an
-- enrollment exits, and the cascade when an enrollment is deleted. An enrollment has at most one
-- message per step, so ordering its messages by id sorts a handful of rows. The index on
-- (enrollment_id, id) only spared that sort, and it cost every new message one more index entry.
DROP INDEX messages_enrollment_id_idx;
