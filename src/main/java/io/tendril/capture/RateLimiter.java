package io.tendril.capture;

import io.tendril.http.ApiException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how often something happens per bucket (an IP hash on a form, an email on a form) with
 * fixed windows counted in PostgreSQL, so the limit holds across every node. Each hit that
 * reaches PostgreSQL commits on its own, so a request that fails later still counts.
 *
 * <p>A bucket's first hit in a window, and every hit once its count passes half the limit, is
 * counted in PostgreSQL at once. Below half the limit, a node counts further hits in memory for
 * up to {@link #SYNC_INTERVAL} after it last read the bucket's count, and adds them to
 * PostgreSQL with the next hit after that. One busy bucket, such as every submission from one
 * address, then costs one statement per second per node instead of one locked row that every
 * submission waits for.
 */
// NOTE: across nodes the count can be late by the hits that other nodes counted in memory and
// have not added yet: at most SYNC_INTERVAL of hits, and only while the bucket is below half its
// limit, so a limit can be passed by about what the other nodes took in one second while the
// bucket was below half. Hits counted in memory on a node that stops are lost.
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /** How long a node counts a bucket's hits in memory before it adds them to PostgreSQL. */
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
    /** Expired windows are deleted once every this many hits on a node. */
    private static final int CLEANUP_EVERY = 1000;
    /** Windows kept in memory at most; past this they are all dropped. */
    private static final int MAX_LOCAL_WINDOWS = 100_000;
    private static final PlainStatement HIT = PlainStatement.of(RateLimitDao.class, "hit");

    private final Jdbi jdbi;
    private final PooledConnections connections;
    private final Clock clock;
    private final AtomicLong hits = new AtomicLong();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A bucket's window on this node: its count in PostgreSQL and the hits not added yet. */
    private static final class Window {
        final Instant end;
        long stored;
        long pending;
        long readAtMillis = Long.MIN_VALUE;
        boolean adding;

        Window(Instant end) {
            this.end = end;
        }
    }

    public RateLimiter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.connections = new PooledConnections(jdbi);
        this.clock = clock;
    }

    /**
     * Counts a hit and returns 0 when it is within {@code limit} per {@code windowSeconds}, else
     * the seconds until the window ends.
     */
    public long hit(String bucket, int limit, int windowSeconds) {
        return hit(null, bucket, limit, windowSeconds);
    }

    /**
     * Counts a hit as {@link #hit(String, int, int)} does, on {@code connection} when the count
     * goes to PostgreSQL, or on a connection borrowed from the pool when it is null. The
     * connection must be in autocommit mode, so that the hit commits on its own.
     */
    long hit(Connection connection, String bucket, int limit, int windowSeconds) {
        // NOTE: a fixed window lets up to twice the limit through around a window boundary;
        // a sliding log would be exact at the cost of one row per hit.
        Instant now = clock.instant();
        long start = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
        Instant windowStart = Instant.ofEpochSecond(start);
        Instant windowEnd = windowStart.plusSeconds(windowSeconds);
        cleanUp(now);

        Window window = windows.computeIfAbsent(bucket + "@" + start, key -> new Window(windowEnd));
        long count = countInMemory(window, limit, now.toEpochMilli());
        if (count < 0) {
            count = countInDatabase(connection, window, bucket, windowStart, windowEnd,
                    now.toEpochMilli());
        }

        if (count <= limit) {
            return 0;
        }
        return Math.max(1, windowEnd.getEpochSecond() - now.getEpochSecond());
    }

    /** Counts the hit in memory and returns the count, or -1 when PostgreSQL must count it. */
    private static long countInMemory(Window window, int limit, long nowMillis) {
        synchronized (window) {
            boolean fresh = window.adding
                    || nowMillis - window.readAtMillis < SYNC_INTERVAL.toMillis();
            long count = window.stored + window.pending + 1;
            if (window.readAtMillis == Long.MIN_VALUE || !fresh || 2 * count > limit) {
                return -1;
            }
            window.pending++;
            return count;
        }
    }

    /** Adds this hit and the ones counted in memory to PostgreSQL; returns the new count. */
    private long countInDatabase(Connection connection, Window window, String bucket,
            Instant windowStart, Instant windowEnd, long nowMillis) {
        long added;
        synchronized (window) {
            added = window.pending + 1;
            window.pending = 0;
            window.adding = true;
        }

        long stored;
        try {
            PlainStatement.Values values = HIT.values()
                    .text("bucket", bucket)
                    .time("windowStart", windowStart)
                    .time("expiresAt", windowEnd)
                    .integer("hits", (int) added);
            stored = connection != null ? values.queryOne(connection, row -> row.getLong(1))
                    : connections.withConnection(c -> values.queryOne(c, row -> row.getLong(1)));
        } catch (RuntimeException e) {
            synchronized (window) {
                window.pending += added - 1;
                window.adding = false;
            }
            throw e;
        }

        synchronized (window) {
            window.stored = Math.max(window.stored, stored);
            window.readAtMillis = nowMillis;
            window.adding = false;
            return stored + window.pending;
        }
    }

    /** Deletes expired windows, in PostgreSQL and here, once every {@link #CLEANUP_EVERY}. */
    private void cleanUp(Instant now) {
        if (hits.incrementAndGet() % CLEANUP_EVERY != 0) {
            return;
        }
        windows.values().removeIf(window -> !window.end.isAfter(now));
        if (windows.size() > MAX_LOCAL_WINDOWS) {
            windows.clear();
        }
        int deleted = jdbi.withExtension(RateLimitDao.class, dao -> dao.deleteExpired(now));
        log.debug("Deleted {} expired rate-limit windows", deleted);
    }

    /** Counts a hit, or throws 429 with the seconds to wait when the limit is exceeded. */
    public void check(String bucket, int limit, int windowSeconds, String what) {
        check(null, bucket, limit, windowSeconds, what);
    }

    /** Checks a hit as {@link #check(String, int, int, String)} does, on {@code connection}. */
    void check(Connection connection, String bucket, int limit, int windowSeconds,
            String what) {
        long retryAfter = hit(connection, bucket, limit, windowSeconds);
        if (retryAfter > 0) {
            throw ApiException.tooManyRequests("Too many submissions " + what + "; try again in "
                    + retryAfter + " seconds.", retryAfter);
        }
    }
}
