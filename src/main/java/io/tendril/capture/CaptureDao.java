package io.tendril.capture;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Forms as the capture path reads them, submissions and consents. */
@UseClasspathSqlLocator
public interface CaptureDao {

    /** A consent with what confirming it needs to know about its lead. */
    record ConsentRow(long id, long leadId, long formId, int consentVersion, Instant confirmedAt,
            String leadStatus, String email, String name) {
    }

    /** A submission held in quarantine, for review. */
    record QuarantinedRow(long id, long formId, int formVersion, String spamReason,
            String payload, String ipHash, String userAgent, Instant createdAt) {
    }

    /** One inquiry of a lead with its attribution, as the API shows it. */
    record LeadSubmission(long id, String formSlug, int formVersion, String status,
            String payload, String utmSource, String utmMedium, String utmCampaign,
            String utmTerm, String utmContent, String gclid, String referrer, String pageUrl,
            Instant createdAt) {
    }

    /** One row of the consent ledger. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LeadConsent(long id, String formSlug, Long submissionId, String consentText,
            int consentVersion, boolean doubleOptIn, String ipHash, Instant createdAt,
            Instant confirmedAt) {
    }

    /** Returns the active form with this slug. */
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

    /**
     * Inserts a submission made under {@code formVersion}; {@code attribution} binds the utm,
     * gclid, referrer and page fields. A quarantined submission has no lead.
     */
    @SqlQuery
    long insertSubmission(@Bind("formId") long formId, @Bind("formVersion") int formVersion,
            @Bind("leadId") Long leadId, @Bind("status") String status,
            @Bind("spamReason") String spamReason, @Bind("payload") String payloadJson,
            @BindMap Map<String, ?> attribution, @Bind("userAgent") String userAgent,
            @Bind("ipHash") String ipHash);

    /** Inserts a consent given under {@code consentVersion} of the form's text. */
    @SqlQuery
    long insertConsent(@Bind("leadId") long leadId, @Bind("formId") long formId,
            @Bind("submissionId") long submissionId, @Bind("consentText") String consentText,
            @Bind("consentVersion") int consentVersion, @Bind("ipHash") String ipHash,
            @Bind("doubleOptIn") boolean doubleOptIn);

    @SqlQuery
    boolean hasConfirmedConsent(@Bind("leadId") long leadId, @Bind("formId") long formId);

    @SqlQuery
    @RegisterConstructorMapper(ConsentRow.class)
    Optional<ConsentRow> findConsent(@Bind("id") long id);

    /** Marks the consent confirmed; returns 1 the first time, 0 after. */
    @SqlUpdate
    int confirmConsent(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate
    void markConfirmSent(@Bind("id") long id, @Bind("now") Instant now);

    @SqlQuery
    @RegisterConstructorMapper(QuarantinedRow.class)
    Optional<QuarantinedRow> findQuarantined(@Bind("formId") long formId, @Bind("id") long id);

    @SqlUpdate
    int markReleased(@Bind("id") long id, @Bind("leadId") long leadId);

    @SqlQuery
    @RegisterConstructorMapper(QuarantinedRow.class)
    List<QuarantinedRow> listQuarantined(@Bind("formId") long formId, @Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(LeadSubmission.class)
    List<LeadSubmission> listSubmissionsOfLead(@Bind("leadId") long leadId,
            @Bind("limit") int limit);

    @SqlQuery
    @RegisterConstructorMapper(LeadConsent.class)
    List<LeadConsent> listConsentsOfLead(@Bind("leadId") long leadId, @Bind("limit") int limit);
}
