INSERT INTO steps (sequence_id, position, name, wait_unit, wait_amount, subject_template,
                   html_template, text_template)
VALUES (:sequenceId, :position, :name, :waitUnit, :waitAmount, :subjectTemplate, :htmlTemplate,
        :textTemplate)
