-- A set_stage step: the lead's new stage and a 'stage' event. The V40 trigger ends enrollments
-- for which the stage is a goal.
WITH changed AS (
    UPDATE leads
    SET stage = :stage, updated_at = :now
    WHERE id = :leadId
      AND stage IS DISTINCT FROM :stage
    RETURNING id
)
INSERT INTO events (lead_id, type, data, occurred_at)
SELECT id, 'stage', jsonb_build_object('stage', CAST(:stage AS text), 'step_id', :stepId), :now
FROM changed
