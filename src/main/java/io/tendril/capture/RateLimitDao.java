package io.tendril.capture;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Fixed-window hit counters in PostgreSQL, shared by every node. Counting hits
 * ({@code RateLimitDao/hit.sql}: adds {@code :hits} to the bucket's window and returns its
 * count) runs on most submissions, so {@link RateLimiter} runs that file as a
 * {@link PlainStatement} instead of attaching this SQL object each time.
 */
@UseClasspathSqlLocator
public interface RateLimitDao {

    /** Deletes windows that ended before {@code now}; returns how many. */
    @SqlUpdate
    int deleteExpired(@Bind("now") Instant now);
}
