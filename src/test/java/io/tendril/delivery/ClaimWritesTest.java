package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.db.Database;
import io.tendril.support.TestDatabase;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rows a due claim writes, checked in the database: the message keeps its enrollment's
 * lead, a lead's deletion still removes its messages, and an enrollment whose message is being
 * sent is not claimed again.
 */
class ClaimWritesTest {

    private static final int LEADS = 3;

    private Database database;
    private Jdbi jdbi;
    private JdbiDeliveryStore store;

    @BeforeEach
    void enroll() {
        database = Bulk.open(TestDatabase.createDatabase());
        jdbi = database.jdbi();
        Bulk.enrollDue(jdbi, LEADS);
        store = new JdbiDeliveryStore(jdbi, "claim-writes-test");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void messageLeadIsEnrollmentLead() {
        int claimed = store.claimDue("node-a", Instant.now(), 50, 0).messages().size();

        assertEquals(LEADS, claimed);
        assertEquals(LEADS, count("SELECT count(*) FROM messages m JOIN enrollments e"
                + " ON e.id = m.enrollment_id WHERE m.lead_id = e.lead_id"));
    }

    @Test
    void deletedLeadLosesItsMessagesAndEvents() {
        store.claimDue("node-a", Instant.now(), 50, 0);
        long leadId = count("SELECT min(lead_id) FROM messages");
        jdbi.useHandle(h -> h.execute("INSERT INTO events (lead_id, type, message_id)"
                + " SELECT lead_id, 'open', id FROM messages WHERE lead_id = ?", leadId));

        jdbi.useHandle(h -> h.createUpdate("DELETE FROM leads WHERE id = :id")
                .bind("id", leadId).execute());

        assertEquals(0, count("SELECT count(*) FROM events WHERE lead_id = " + leadId));
        assertEquals(0, count("SELECT count(*) FROM messages WHERE lead_id = " + leadId));
        assertEquals(0, count("SELECT count(*) FROM enrollments WHERE lead_id = " + leadId));
        assertEquals(LEADS - 1, count("SELECT count(*) FROM messages"));
    }

    @Test
    void sendingMessageHoldsEnrollment() {
        store.claimDue("node-a", Instant.now(), 50, 0);
        // Due again while its message is still being sent, as after a manual reschedule.
        jdbi.useHandle(h -> h.execute("UPDATE enrollments SET status = 'active',"
                + " next_due_at = now() - interval '1 second', ended_at = NULL"));
        assertEquals(LEADS, count("SELECT count(*) FROM messages WHERE status = 'sending'"));

        DeliveryStore.Claim again = store.claimDue("node-b", Instant.now(), 50, 0);

        assertTrue(again.messages().isEmpty(), "claimed again: " + again.messages());
        assertEquals(0, again.rows());
        assertEquals(LEADS, count("SELECT count(*) FROM messages"));
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
