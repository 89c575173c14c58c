package io.tendril.capture;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Forms as the forms API manages them. {@code row} binds a {@link FormRow}: the definition with
 * its JSON parts already written as text.
 */
@UseClasspathSqlLocator
@RegisterRowMapper(FormMapper.class)
public interface FormDao {

    /** A form definition ready to bind: JSON parts as text, arrays as Java arrays. */
    record FormRow(String slug, String name, String fields, String[] allowedOrigins,
            Long sequenceId, String consentText, int consentVersion, String thankYouUrl,
            String thankYouMessage, boolean doubleOptIn, String[] tags, String stage,
            String landing, int minFillSeconds, boolean requireRenderToken, int powBits,
            int ipLimit, int ipLimitSeconds, int emailLimit, int emailLimitSeconds) {
    }

    /** Inserts a form at version 1; empty when the slug is taken. */
    @SqlQuery
    Optional<Long> insert(@BindMethods("row") FormRow row, @Bind("now") Instant now);

    /**
     * Writes a new definition and raises the version by one, unless the form's version is no
     * longer {@code version}; returns the number of rows changed.
     */
    @SqlUpdate
    int update(@Bind("id") long id, @Bind("version") int version,
            @BindMethods("row") FormRow row, @Bind("now") Instant now);

    @SqlUpdate
    int setStatus(@Bind("id") long id, @Bind("status") String status, @Bind("now") Instant now);

    @SqlQuery
    Optional<Form> findById(@Bind("id") long id);

    /** Returns the form with this slug, active or archived. */
    @SqlQuery
    Optional<Form> findBySlug(@Bind("slug") String slug);

    @SqlQuery
    List<Form> list(@Bind("status") String status, @Bind("limit") int limit);

    @SqlUpdate
    void insertVersion(@Bind("formId") long formId, @Bind("version") int version,
            @Bind("definition") String definitionJson);

    @SqlQuery
    Optional<String> findVersion(@Bind("formId") long formId, @Bind("version") int version);

    @SqlQuery
    Optional<String> sequenceStatus(@Bind("id") long sequenceId);
}
