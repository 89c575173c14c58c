-- An add_tag or remove_tag step: the lead's tags and a 'tag' event. The V40 trigger ends
-- enrollments for which a gained tag is a goal.
WITH changed AS (
    UPDATE leads
    SET tags = CASE WHEN :add THEN array_append(tags, CAST(:tag AS text))
                    ELSE array_remove(tags, CAST(:tag AS text)) END,
        updated_at = :now
    WHERE id = :leadId
      AND (CAST(:tag AS text) = ANY (tags)) <> :add
    RETURNING id
)
INSERT INTO events (lead_id, type, data, occurred_at)
SELECT id, 'tag', jsonb_build_object('tag', CAST(:tag AS text), 'added', :add,
                                     'step_id', :stepId), :now
FROM changed
