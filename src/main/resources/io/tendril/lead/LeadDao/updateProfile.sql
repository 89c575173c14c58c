-- Sets the stage and tags, merges attributes in and removes :removeAttributes. Changing the
-- stage or tags fires the goal exit trigger of V40, which ends enrollments that reach a goal.
UPDATE leads
SET stage = :stage,
    tags = :tags,
    attributes = (attributes || CAST(:setAttributes AS jsonb))
                 - CAST(:removeAttributes AS text[]),
    updated_at = CAST(:now AS timestamptz)
WHERE id = :id
