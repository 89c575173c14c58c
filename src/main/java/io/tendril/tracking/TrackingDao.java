package io.tendril.tracking;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Opens, clicks and unsubscribes, looked up by message id. */
@UseClasspathSqlLocator
public interface TrackingDao {

    @SqlUpdate
    int recordEvent(@Bind("messageId") long messageId, @Bind("type") String type,
            @Bind("human") boolean human, @Bind("data") String dataJson, @Bind("now") Instant now);

    /** Returns the original URL of link {@code index} of the message. */
    @SqlQuery
    Optional<String> findLink(@Bind("messageId") long messageId, @Bind("index") int index);

    @SqlQuery
    Optional<Long> unsubscribe(@Bind("messageId") long messageId, @Bind("now") Instant now);

    @SqlQuery
    Optional<Long> findLeadOfMessage(@Bind("messageId") long messageId);
}
