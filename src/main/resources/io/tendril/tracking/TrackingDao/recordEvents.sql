-- Records a batch of opens and clicks in one statement, each on the timeline of its message's
-- lead, inserted in the order given. An event whose message does not exist inserts nothing.
-- Returns the message id of every inserted event.
INSERT INTO events (lead_id, type, message_id, human, data, occurred_at)
SELECT m.lead_id, e.type, m.id, e.human, CAST(e.data AS jsonb), e.occurred_at
FROM unnest(CAST(:messageIds AS bigint[]), CAST(:types AS text[]), CAST(:humans AS boolean[]),
            CAST(:data AS text[]), CAST(:occurredAts AS timestamptz[]))
         WITH ORDINALITY AS e(message_id, type, human, data, occurred_at, position)
JOIN messages m ON m.id = e.message_id
ORDER BY e.position
RETURNING message_id
