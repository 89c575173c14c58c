package io.tendril.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Suppressions, and the lead and message lookups that bounce and complaint reports need. */
@UseClasspathSqlLocator
public interface SuppressionDao {

    /** A lead a report points at, with the message and sequence when the report names one. */
    record Target(long leadId, String emailKey, String status, Long messageId, Long sequenceId) {
    }

    /** One row of {@code suppressions}. */
    record Suppression(String emailKey, String reason, String source, String detail, Long leadId,
            Instant createdAt) {
    }

    @SqlQuery
    List<String> listKeys();

    @SqlQuery
    @RegisterConstructorMapper(Suppression.class)
    List<Suppression> list(@Bind("afterKey") String afterKey, @Bind("limit") int limit);

    @SqlQuery
    Optional<Long> findUnsubscribedLead(@Bind("emailKey") String emailKey);

    /** Inserts a suppression; returns the key only when it was not suppressed before. */
    @SqlQuery
    Optional<String> insert(@Bind("emailKey") String emailKey, @Bind("reason") String reason,
            @Bind("source") String source, @Bind("detail") String detail,
            @Bind("leadId") Long leadId, @Bind("now") Instant now);

    @SqlUpdate
    int delete(@Bind("emailKey") String emailKey);

    @SqlQuery
    @RegisterConstructorMapper(Target.class)
    Optional<Target> findByMessageId(@Bind("messageId") long messageId);

    @SqlQuery
    @RegisterConstructorMapper(Target.class)
    Optional<Target> findBySmtpMessageId(@Bind("smtpMessageId") String smtpMessageId);

    @SqlQuery
    @RegisterConstructorMapper(Target.class)
    Optional<Target> findByEmailKey(@Bind("emailKey") String emailKey);

    /**
     * Sets the lead's status to {@code status} (bounced, complained or unsubscribed) unless it
     * has it already or was erased; returns the lead id only when the status changed.
     */
    @SqlQuery
    Optional<Long> suppressLead(@Bind("leadId") long leadId, @Bind("status") String status,
            @Bind("now") Instant now);

    /** Adds one soft bounce to the lead; returns the new count. */
    @SqlQuery
    int countSoftBounce(@Bind("leadId") long leadId, @Bind("now") Instant now);

    @SqlUpdate
    void insertEvent(@Bind("leadId") long leadId, @Bind("type") String type,
            @Bind("messageId") Long messageId, @Bind("data") String dataJson,
            @Bind("now") Instant now);
}
