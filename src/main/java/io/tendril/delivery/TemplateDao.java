package io.tendril.delivery;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads steps and leads for rendering: step variables, previews and test sends. */
@UseClasspathSqlLocator
public interface TemplateDao {

    /** A step's templates and its sequence's name. */
    record StepTemplates(long stepId, String sequenceName, String subjectTemplate,
            String htmlTemplate, String textTemplate) {
    }

    /** The lead fields that rendering uses. */
    record LeadFields(long id, String email, String name, String company,
            String attributesJson) {
    }

    /** The {@code step} template variables, and the form feeding the step's sequence. */
    record StepInfo(long id, String name, int position, String formName, String formSlug) {
    }

    @SqlQuery
    @RegisterConstructorMapper(StepInfo.class)
    Optional<StepInfo> findStepInfo(@Bind("stepId") long stepId);

    @SqlQuery
    @RegisterConstructorMapper(StepTemplates.class)
    Optional<StepTemplates> findStep(@Bind("stepId") long stepId);

    @SqlQuery
    @RegisterConstructorMapper(LeadFields.class)
    Optional<LeadFields> findLead(@Bind("leadId") long leadId);
}
