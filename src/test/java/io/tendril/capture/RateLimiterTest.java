package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.config.Config;
import io.tendril.config.DatabaseTarget;
import io.tendril.db.Database;
import io.tendril.delivery.MutableClock;
import io.tendril.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixed-window limits, counted in PostgreSQL and, for a busy bucket, in memory between. */
class RateLimiterTest {

    private static final int HOUR = 3600;

    private static Database database;
    private static Jdbi jdbi;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:05Z"));

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
    void busyBucketStopsAtItsLimit() {
        RateLimiter limiter = new RateLimiter(jdbi, clock);

        for (int i = 1; i <= 10; i++) {
            assertEquals(0, limiter.hit("busy", 10, HOUR), "hit " + i);
        }

        assertTrue(limiter.hit("busy", 10, HOUR) > 0);
    }

    @Test
    void limitHoldsAcrossTwoNodes() {
        RateLimiter first = new RateLimiter(jdbi, clock);
        RateLimiter second = new RateLimiter(jdbi, clock);

        for (int i = 1; i <= 4; i++) {
            RateLimiter node = i % 2 == 1 ? first : second;
            assertEquals(0, node.hit("shared", 4, HOUR), "hit " + i);
        }

        assertTrue(first.hit("shared", 4, HOUR) > 0);
    }

    @Test
    void memoryCountsReachDatabaseAfterOneSecond() {
        RateLimiter limiter = new RateLimiter(jdbi, clock);
        for (int i = 0; i < 3; i++) {
            limiter.hit("synced", 1000, HOUR);
        }
        assertEquals(1, storedHits("synced"));

        clock.advance(RateLimiter.SYNC_INTERVAL.plus(Duration.ofMillis(1)));
        limiter.hit("synced", 1000, HOUR);

        assertEquals(4, storedHits("synced"));
    }

    private static int storedHits(String bucket) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT hits FROM rate_limit_windows WHERE bucket = :bucket")
                .bind("bucket", bucket)
                .mapTo(Integer.class)
                .one());
    }
}
