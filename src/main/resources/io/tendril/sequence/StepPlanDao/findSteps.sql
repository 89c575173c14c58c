SELECT id, position, name, action, action_value, condition::text AS condition, wait_unit,
       wait_amount, wait_weekday, wait_time, window_days, window_start, window_end,
       subject_template, html_template, text_template
FROM steps
WHERE sequence_id = :sequenceId
  AND version = :version
ORDER BY position
