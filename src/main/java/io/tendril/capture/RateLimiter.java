package io.tendril.capture;

import io.tendril.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how often something happens per bucket (an IP hash on a form, an email on a form) with
 * fixed windows counted in PostgreSQL, so the limit holds across every node. Each hit commits on
 * its own, so a request that fails later still counts.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /** Expired windows are deleted once every this many hits on a node. */
    private static final int CLEANUP_EVERY = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong hits = new AtomicLong();

    public RateLimiter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Counts a hit and returns 0 when it is within {@code limit} per {@code windowSeconds}, else
     * the seconds until the window ends.
     */
    public long hit(String bucket, int limit, int windowSeconds) {
        // NOTE: a fixed window lets up to twice the limit through around a window boundary;
        // a sliding log would be exact at the cost of one row per hit.
        Instant now = clock.instant();
        long start = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
        Instant windowStart = Instant.ofEpochSecond(start);
        Instant windowEnd = windowStart.plusSeconds(windowSeconds);
        int count = jdbi.withExtension(RateLimitDao.class,
                dao -> dao.hit(bucket, windowStart, windowEnd));
        if (hits.incrementAndGet() % CLEANUP_EVERY == 0) {
            int deleted = jdbi.withExtension(RateLimitDao.class, dao -> dao.deleteExpired(now));
            log.debug("Deleted {} expired rate-limit windows", deleted);
        }
        if (count <= limit) {
            return 0;
        }
        return Math.max(1, windowEnd.getEpochSecond() - now.getEpochSecond());
    }

    /** Counts a hit, or throws 429 with the seconds to wait when the limit is exceeded. */
    public void check(String bucket, int limit, int windowSeconds, String what) {
        long retryAfter = hit(bucket, limit, windowSeconds);
        if (retryAfter > 0) {
            throw ApiException.tooManyRequests("Too many submissions " + what + "; try again in "
                    + retryAfter + " seconds.", retryAfter);
        }
    }
}
