-- Writes a 'sending' message for each email step a claim decided to send, before any SMTP
-- call. A (enrollment, step) pair that has a message already is never written twice.
INSERT INTO messages (enrollment_id, step_id, lead_id, status, node_id, attempts, created_at,
                      updated_at)
SELECT u.enrollment_id, u.step_id, u.lead_id, 'sending', :nodeId, 1, :now, :now
FROM unnest(CAST(:enrollmentIds AS bigint[]), CAST(:stepIds AS bigint[]),
            CAST(:leadIds AS bigint[])) AS u(enrollment_id, step_id, lead_id)
-- A stage or tag step of this claim may have ended the enrollment through a goal exit.
JOIN enrollments e ON e.id = u.enrollment_id AND e.status = 'active'
ON CONFLICT (enrollment_id, step_id) DO NOTHING
RETURNING id, enrollment_id
