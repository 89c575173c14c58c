package io.tendril.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
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

    /** The tracked links of a message as a JSON array of URLs, and whether it is sent. */
    record MessageLinks(boolean sent, String linksJson) {
    }

    @SqlQuery
    @RegisterConstructorMapper(MessageLinks.class)
    Optional<MessageLinks> findLinks(@Bind("messageId") long messageId);

    @SqlQuery
    Optional<Long> unsubscribe(@Bind("messageId") long messageId, @Bind("now") Instant now);

    @SqlQuery
    Optional<Long> findLeadOfMessage(@Bind("messageId") long messageId);

    /** A sequence a lead is enrolled in, as the preferences page lists it. */
    record Enrolled(long sequenceId, String sequenceName) {
    }

    @SqlQuery
    @RegisterConstructorMapper(Enrolled.class)
    List<Enrolled> listEnrollments(@Bind("messageId") long messageId);

    @SqlQuery
    Optional<Long> leaveSequence(@Bind("messageId") long messageId,
            @Bind("sequenceId") long sequenceId, @Bind("now") Instant now);
}
