package io.tendril.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Send, bounce and complaint counts per sequence; sequence pauses; admin alerts. */
@UseClasspathSqlLocator
public interface GuardrailDao {

    /** Sends of a sequence since a moment, and the hard bounces and complaints among them. */
    record Stats(long sends, long bounces, long complaints) {
    }

    /** An alert for the admin. */
    record Alert(long id, String kind, Long sequenceId, String message, Instant createdAt) {
    }

    @SqlQuery
    @RegisterConstructorMapper(Stats.class)
    Stats sequenceStats(@Bind("sequenceId") long sequenceId, @Bind("since") Instant since);

    /** Pauses an active sequence; returns its name only when it was active. */
    @SqlQuery
    Optional<String> pauseSequence(@Bind("sequenceId") long sequenceId, @Bind("now") Instant now);

    @SqlUpdate
    void insertAlert(@Bind("kind") String kind, @Bind("sequenceId") long sequenceId,
            @Bind("message") String message, @Bind("data") String dataJson,
            @Bind("now") Instant now);

    @SqlQuery
    @RegisterConstructorMapper(Alert.class)
    List<Alert> listOpenAlerts();

    @SqlUpdate
    int resolveAlert(@Bind("id") long id, @Bind("now") Instant now);
}
