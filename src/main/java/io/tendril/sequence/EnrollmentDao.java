package io.tendril.sequence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Enrollments of leads in sequences. */
@UseClasspathSqlLocator
public interface EnrollmentDao {

    /** Enrolls the lead at the sequence's first step; empty when it was ever enrolled before. */
    @SqlQuery
    Optional<Long> enroll(@Bind("leadId") long leadId, @Bind("sequenceId") long sequenceId,
            @Bind("formId") Long formId, @Bind("now") Instant now);

    /** Ends every running enrollment of the lead; returns how many ended. */
    @SqlUpdate
    int exitAllForLead(@Bind("leadId") long leadId, @Bind("reason") String reason,
            @Bind("now") Instant now);
}
