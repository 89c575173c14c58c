package io.tendril.tracking;

import org.jdbi.v3.core.Jdbi;

/** Inserts messages as the sender leaves them, each to a new lead of the demo sequence. */
final class SentMessages {

    private final Jdbi jdbi;
    private int leads;

    SentMessages(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts a message with {@code status} and the links JSON array; returns its id. */
    long insert(String status, String linksJson) {
        String email = "reader" + (++leads) + "-" + System.nanoTime() + "@example.com";
        return jdbi.withHandle(h -> h.createQuery("""
                WITH lead AS (
                    INSERT INTO leads (email, email_key) VALUES (:email, :email) RETURNING id
                ),
                enrollment AS (
                    INSERT INTO enrollments (lead_id, sequence_id, status)
                    SELECT lead.id, q.id, 'completed'
                    FROM lead, sequences q
                    WHERE q.key = (SELECT min(key) FROM sequences)
                    RETURNING id, lead_id, sequence_id
                )
                INSERT INTO messages (enrollment_id, step_id, lead_id, status, links, sent_at)
                SELECT e.id, (SELECT s.id FROM steps s WHERE s.sequence_id = e.sequence_id
                              ORDER BY s.position, s.id LIMIT 1),
                       e.lead_id, :status, CAST(:links AS jsonb), now()
                FROM enrollment e
                RETURNING id""")
                .bind("email", email)
                .bind("status", status)
                .bind("links", linksJson)
                .mapTo(Long.class)
                .one());
    }

    long insert(String linksJson) {
        return insert("sent", linksJson);
    }

    long leadOf(long messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT lead_id FROM messages WHERE id = :id")
                .bind("id", messageId).mapTo(Long.class).one());
    }

    /** Returns the number of events of {@code type} recorded for the message. */
    long events(long messageId, String type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM events"
                + " WHERE message_id = :id AND type = :type")
                .bind("id", messageId).bind("type", type).mapTo(Long.class).one());
    }
}
