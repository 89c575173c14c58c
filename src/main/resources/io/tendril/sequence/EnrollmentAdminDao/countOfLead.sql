SELECT count(*)
FROM enrollments
WHERE lead_id = :leadId
  AND sequence_id = :sequenceId
