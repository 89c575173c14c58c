package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.config.Config;
import io.tendril.config.DatabaseTarget;
import io.tendril.db.Database;
import io.tendril.lead.LeadDao;
import io.tendril.support.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Binding of capture's plain statements, and their transactions on a pooled connection. */
class PlainStatementTest {

    private static Database database;
    private static Jdbi jdbi;

    @BeforeAll
    static void openDatabase() {
        DatabaseTarget target = Config.fromEnvironment(Map.of("TENDRIL_DATABASE_URL",
                TestDatabase.createDatabase())).database();
        database = Database.open(target.jdbcUrl(), target.username(), target.password());
        jdbi = database.jdbi();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void timestampRoundsToMicroseconds() {
        assertEquals("2026-03-02T10:00:05.123457Z",
                PlainStatement.timestampText(Instant.parse("2026-03-02T10:00:05.123456789Z")));
        assertEquals("2026-03-02T10:00:06Z",
                PlainStatement.timestampText(Instant.parse("2026-03-02T10:00:05.999999500Z")));
        assertEquals("2026-03-02T10:00:05Z",
                PlainStatement.timestampText(Instant.parse("2026-03-02T10:00:05Z")));
    }

    @Test
    void arrayTextQuotesEveryItem() {
        assertEquals("{}", PlainStatement.arrayText(new String[0]));
        assertEquals("{\"a\\\"b\",\"c\\\\d\",NULL}",
                PlainStatement.arrayText(new String[] {"a\"b", "c\\d", null}));
    }

    @Test
    void tagsKeepQuotesCommasAndBraces() {
        String[] tags = {"a\"b", "c\\d", "e,f", "{g}", "NULL", " h ", "ünï"};

        long id = new PooledConnections(jdbi).withConnection(c -> upsert(c, "tags@example.com",
                tags));

        List<String> stored = jdbi.withHandle(h -> h.createQuery(
                        "SELECT unnest(tags) FROM leads WHERE id = :id")
                .bind("id", id).mapTo(String.class).list());
        assertEquals(List.of(tags), stored);
    }

    @Test
    void timeIsStoredAtItsInstant() {
        Instant windowStart = Instant.parse("2026-03-02T10:00:00.000001Z");
        PlainStatement hit = PlainStatement.of(RateLimitDao.class, "hit");

        new PooledConnections(jdbi).withConnection(c -> hit.values()
                .text("bucket", "time")
                .time("windowStart", windowStart)
                .time("expiresAt", windowStart.plusSeconds(60))
                .integer("hits", 1)
                .queryOne(c, row -> row.getLong(1)));

        Instant stored = jdbi.withHandle(h -> h.createQuery(
                        "SELECT window_start FROM rate_limit_windows WHERE bucket = 'time'")
                .mapTo(Instant.class).one());
        assertEquals(windowStart, stored);
    }

    @Test
    void failedTransactionLeavesNothing() {
        PooledConnections connections = new PooledConnections(jdbi);

        assertThrows(UnableToExecuteStatementException.class, () -> connections.withConnection(
                c -> PooledConnections.inTransaction(c, t -> {
                    upsert(t, "rolled-back@example.com", new String[0]);
                    return upsert(t, null, new String[0]);
                })));

        long leads = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM leads WHERE email = 'rolled-back@example.com'")
                .mapTo(Long.class).one());
        assertEquals(0, leads);
        boolean autoCommit = connections.withConnection(c -> {
            try {
                return c.getAutoCommit();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(autoCommit);
    }

    @Test
    void missingValueNamesTheParameter() {
        PlainStatement hit = PlainStatement.of(RateLimitDao.class, "hit");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PooledConnections(jdbi).withConnection(c -> hit.values()
                        .text("bucket", "missing")
                        .queryOne(c, row -> row.getLong(1))));

        assertEquals("No value for :windowStart of RateLimitDao/hit.sql", e.getMessage());
    }

    private static long upsert(Connection connection, String email, String[] tags) {
        LeadDao.Upserted lead = new CaptureStatements(connection).upsert(email, email, "Ann",
                "", "", "{}", null, "{}", "active", tags, null);
        return lead.id();
    }
}
