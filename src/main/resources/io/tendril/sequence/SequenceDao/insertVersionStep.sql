INSERT INTO steps (sequence_id, version, position, name, action, action_value, condition,
                   wait_unit, wait_amount, wait_weekday, wait_time, window_days, window_start,
                   window_end, subject_template, html_template, text_template)
VALUES (:sequenceId, :version, :position, :step.name, :step.actionCode, :step.value,
        CAST(:step.conditionJson AS jsonb), :step.waitUnit, :step.waitAmount,
        CAST(:step.waitWeekday AS smallint), CAST(:step.waitTime AS time),
        CAST(:step.windowDays AS smallint[]), CAST(:step.windowStart AS time),
        CAST(:step.windowEnd AS time), :step.subjectTemplate, :step.htmlTemplate,
        :step.textTemplate)
