package io.tendril.capture;

import io.tendril.lead.LeadDao;
import io.tendril.sequence.EnrollmentDao;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of the capture transaction, run on the caller's connection. They are the same
 * {@code .sql} files as the {@link LeadDao}, {@link CaptureDao} and {@link EnrollmentDao}
 * methods of the same names, run as {@link PlainStatement}s: attaching three SQL objects to
 * every submission's handle, and Jdbi's work around each statement, took more of capture's
 * CPU than the statements' own round trips.
 */
final class CaptureStatements {

    private static final PlainStatement UPSERT = PlainStatement.of(LeadDao.class, "upsert");
    private static final PlainStatement INSERT_SUBMISSION =
            PlainStatement.of(CaptureDao.class, "insertSubmission");
    private static final PlainStatement INSERT_EVENT =
            PlainStatement.of(LeadDao.class, "insertEvent");
    private static final PlainStatement INSERT_CONSENT =
            PlainStatement.of(CaptureDao.class, "insertConsent");
    private static final PlainStatement HAS_CONFIRMED_CONSENT =
            PlainStatement.of(CaptureDao.class, "hasConfirmedConsent");
    private static final PlainStatement ENROLL = PlainStatement.of(EnrollmentDao.class, "enroll");

    private final Connection connection;

    CaptureStatements(Connection connection) {
        this.connection = connection;
    }

    /** See {@link LeadDao#upsert}. */
    LeadDao.Upserted upsert(String email, String emailKey, String name, String phone,
            String company, String attributesJson, String timeZone, String touchJson,
            String status, String[] tags, String stage) {
        return UPSERT.values()
                .text("email", email)
                .text("emailKey", emailKey)
                .text("name", name)
                .text("phone", phone)
                .text("company", company)
                .text("attributes", attributesJson)
                .text("timeZone", timeZone)
                .text("touch", touchJson)
                .text("status", status)
                .texts("tags", tags)
                .text("stage", stage)
                .queryOne(connection, row -> new LeadDao.Upserted(row.getLong("id"),
                        row.getString("status"), row.getBoolean("created")));
    }

    /** See {@link CaptureDao#insertSubmission}. */
    long insertSubmission(long formId, int formVersion, Long leadId, String status,
            String spamReason, String payloadJson, Map<String, String> attribution,
            String userAgent, String ipHash) {
        PlainStatement.Values values = INSERT_SUBMISSION.values()
                .number("formId", formId)
                .integer("formVersion", formVersion)
                .number("leadId", leadId)
                .text("status", status)
                .text("spamReason", spamReason)
                .text("payload", payloadJson)
                .text("userAgent", userAgent)
                .text("ipHash", ipHash);
        for (String field : Submission.ATTRIBUTION_FIELDS) {
            values.text(field, attribution.get(field));
        }
        return values.queryOne(connection, row -> row.getLong(1));
    }

    /** See {@link LeadDao#insertEvent}. */
    void insertEvent(long leadId, String type, Long messageId, Long submissionId, boolean human,
            String dataJson) {
        INSERT_EVENT.values()
                .number("leadId", leadId)
                .text("type", type)
                .number("messageId", messageId)
                .number("submissionId", submissionId)
                .bool("human", human)
                .text("data", dataJson)
                .update(connection);
    }

    /** See {@link CaptureDao#insertConsent}. */
    long insertConsent(long leadId, long formId, long submissionId, String consentText,
            int consentVersion, String ipHash, boolean doubleOptIn) {
        return INSERT_CONSENT.values()
                .number("leadId", leadId)
                .number("formId", formId)
                .number("submissionId", submissionId)
                .text("consentText", consentText)
                .integer("consentVersion", consentVersion)
                .text("ipHash", ipHash)
                .bool("doubleOptIn", doubleOptIn)
                .queryOne(connection, row -> row.getLong(1));
    }

    /** See {@link CaptureDao#hasConfirmedConsent}. */
    boolean hasConfirmedConsent(long leadId, long formId) {
        return HAS_CONFIRMED_CONSENT.values()
                .number("leadId", leadId)
                .number("formId", formId)
                .queryOne(connection, row -> row.getBoolean(1));
    }

    /** See {@link EnrollmentDao#enroll}. */
    Optional<Long> enroll(long leadId, long sequenceId, Long formId, Instant now) {
        return Optional.ofNullable(ENROLL.values()
                .number("leadId", leadId)
                .number("sequenceId", sequenceId)
                .number("formId", formId)
                .time("now", now)
                .queryOne(connection, row -> row.getLong(1)));
    }
}
