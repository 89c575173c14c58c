package io.tendril.sequence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Enrollments as the API reads, ends and migrates them. */
@UseClasspathSqlLocator
@RegisterRowMapper(Enrollment.Mapper.class)
public interface EnrollmentAdminDao {

    /** Whether a human opened or clicked the enrollment's last sent email. */
    record Engagement(boolean opened, boolean clicked) {
    }

    /** The outcome of a migration for one enrollment: moved (active/paused) or completed. */
    record Migrated(long id, String status) {
    }

    @SqlQuery
    Optional<Enrollment> findById(@Bind("id") long id);

    /** The lead's running (active or paused) enrollment in the sequence, if any. */
    @SqlQuery
    Optional<Enrollment> findRunning(@Bind("leadId") long leadId,
            @Bind("sequenceId") long sequenceId);

    /** How many enrollments the lead ever had in the sequence. */
    @SqlQuery
    long countOfLead(@Bind("leadId") long leadId, @Bind("sequenceId") long sequenceId);

    /** Enrollments of the sequence by id after {@code after}; {@code status} null lists all. */
    @SqlQuery
    List<Enrollment> listOfSequence(@Bind("sequenceId") long sequenceId,
            @Bind("status") String status, @Bind("after") long after, @Bind("limit") int limit);

    /** Exits the enrollment when it runs, with an 'exit' event; empty when it did not run. */
    @SqlQuery
    Optional<Long> exit(@Bind("id") long id, @Bind("reason") String reason,
            @Bind("now") Instant now);

    /** Exits every running enrollment of the sequence, each with an 'exit' event. */
    @SqlQuery
    int exitAllOfSequence(@Bind("sequenceId") long sequenceId, @Bind("reason") String reason,
            @Bind("now") Instant now);

    /**
     * Moves running enrollments of older versions (or of {@code fromVersion} only) to the
     * sequence's current version {@code toVersion}; {@code positionMap} is a JSON object from
     * old to new positions.
     */
    @SqlQuery
    @RegisterConstructorMapper(Migrated.class)
    List<Migrated> migrate(@Bind("sequenceId") long sequenceId,
            @Bind("fromVersion") Integer fromVersion, @Bind("toVersion") int toVersion,
            @Bind("positionMap") String positionMapJson, @Bind("now") Instant now);

    @SqlQuery
    @RegisterConstructorMapper(Engagement.class)
    Engagement lastEngagement(@Bind("enrollmentId") long enrollmentId);
}
