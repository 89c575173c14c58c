package io.tendril.capture;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Fixed-window hit counters in PostgreSQL, shared by every node. */
@UseClasspathSqlLocator
public interface RateLimitDao {

    /** Counts one hit in the bucket's window and returns the hits so far, this one included. */
    @SqlQuery
    int hit(@Bind("bucket") String bucket, @Bind("windowStart") Instant windowStart,
            @Bind("expiresAt") Instant expiresAt);

    /** Deletes windows that ended before {@code now}; returns how many. */
    @SqlUpdate
    int deleteExpired(@Bind("now") Instant now);
}
