package io.tendril.admin;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The queries behind the admin lead page's enrollments and timeline labels. */
@UseClasspathSqlLocator
public interface LeadPageDao {

    /** An enrollment of the lead, with its sequence's name and its next step's name. */
    record EnrollmentRow(long id, String sequenceName, int version, String status,
            int nextPosition, String nextStep, Instant nextDueAt, String exitReason,
            Instant createdAt, Instant endedAt) {
    }

    /** A message sent or being sent to the lead, with its step's name. */
    record MessageRow(long id, String subject, String stepName, String status) {
    }

    @SqlQuery
    @RegisterConstructorMapper(EnrollmentRow.class)
    List<EnrollmentRow> listEnrollments(@Bind("leadId") long leadId);

    @SqlQuery
    @RegisterConstructorMapper(MessageRow.class)
    List<MessageRow> listMessages(@Bind("leadId") long leadId);
}
