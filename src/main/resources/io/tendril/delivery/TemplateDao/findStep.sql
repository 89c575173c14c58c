SELECT s.id AS step_id, q.name AS sequence_name, s.subject_template, s.html_template,
       s.text_template
FROM steps s
JOIN sequences q ON q.id = s.sequence_id
WHERE s.id = :stepId
