package io.tendril.delivery;

import io.tendril.config.Config;
import io.tendril.config.DatabaseTarget;
import io.tendril.db.Database;
import io.tendril.support.Mailings;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Many leads due at once, for crash and cluster tests. */
final class Bulk {

    private Bulk() {
    }

    /** Opens (and migrates) the database at a {@code postgres://} URL. */
    static Database open(String databaseUrl) {
        DatabaseTarget target = Config.fromEnvironment(Map.of("TENDRIL_DATABASE_URL",
                databaseUrl)).database();
        return Database.open(target.jdbcUrl(), target.username(), target.password());
    }

    /**
     * Creates a one-step sequence and {@code count} leads {@code lead-N@example.com} enrolled
     * in it, all due now; returns the sequence id.
     */
    static long enrollDue(Jdbi jdbi, int count) {
        long sequenceId = Mailings.sequence(jdbi, "Bulk", "Hello {{name}}", "<p>Hi</p>", "")
                .id();
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO leads (email, email_key, name) SELECT 'lead-' || n"
                    + " || '@example.com', 'lead-' || n || '@example.com', 'Lead ' || n"
                    + " FROM generate_series(1, :count) n").bind("count", count).execute();
            h.createUpdate("INSERT INTO enrollments (lead_id, sequence_id, next_position,"
                    + " next_due_at) SELECT id, :sequence, 1, now() - interval '1 second'"
                    + " FROM leads").bind("sequence", sequenceId).execute();
        });
        return sequenceId;
    }

    /** Returns the number of message rows in {@code status}. */
    static int messages(Jdbi jdbi, String status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM messages WHERE status"
                + " = :status").bind("status", status).mapTo(Integer.class).one());
    }
}
