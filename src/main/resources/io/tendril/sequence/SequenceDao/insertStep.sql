INSERT INTO steps (sequence_id, position, name, delay_minutes, subject_template, html_template,
                   text_template)
VALUES (:sequenceId, :position, :name, :delayMinutes, :subjectTemplate, :htmlTemplate,
        :textTemplate)
