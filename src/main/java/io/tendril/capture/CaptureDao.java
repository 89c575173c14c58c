package io.tendril.capture;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.http.Json;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Forms, submissions and consents. */
@UseClasspathSqlLocator
public interface CaptureDao {

    @SqlQuery
    @RegisterRowMapper(FormMapper.class)
    Optional<Form> findFormBySlug(@Bind("slug") String slug);

    /** Inserts a form unless its slug exists; returns 1 when inserted. */
    @SqlUpdate
    int insertForm(@Bind("slug") String slug, @Bind("name") String name,
            @Bind("fields") String fieldsJson, @Bind("allowedOrigins") String allowedOrigins,
            @Bind("sequenceId") Long sequenceId, @Bind("consentText") String consentText,
            @Bind("consentVersion") int consentVersion,
            @Bind("thankYouMessage") String thankYouMessage);

    /** Inserts a submission; {@code attribution} binds the utm, gclid, referrer and page fields. */
    @SqlQuery
    long insertSubmission(@Bind("formId") long formId, @Bind("leadId") long leadId,
            @Bind("payload") String payloadJson, @BindMap java.util.Map<String, ?> attribution,
            @Bind("userAgent") String userAgent, @Bind("ipHash") String ipHash);

    @SqlUpdate
    void insertConsent(@Bind("leadId") long leadId, @Bind("formId") long formId,
            @Bind("submissionId") long submissionId, @Bind("consentText") String consentText,
            @Bind("consentVersion") int consentVersion, @Bind("ipHash") String ipHash);

    /** Maps a row of {@code forms} whose fields column was selected as text. */
    final class FormMapper implements RowMapper<Form> {
        private static final TypeReference<List<FormField>> FIELDS = new TypeReference<>() {
        };

        @Override
        public Form map(ResultSet rs, StatementContext ctx) throws SQLException {
            List<FormField> fields;
            try {
                fields = Json.MAPPER.readValue(rs.getString("fields"), FIELDS);
            } catch (IOException e) {
                throw new SQLException("Invalid fields JSON in form " + rs.getLong("id"), e);
            }
            return new Form(
                    rs.getLong("id"),
                    rs.getString("slug"),
                    rs.getString("name"),
                    fields,
                    Arrays.asList((String[]) rs.getArray("allowed_origins").getArray()),
                    rs.getObject("sequence_id", Long.class),
                    rs.getString("consent_text"),
                    rs.getInt("consent_version"),
                    rs.getString("thank_you_url"),
                    rs.getString("thank_you_message"));
        }
    }
}
