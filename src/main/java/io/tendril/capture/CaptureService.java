package io.tendril.capture;

import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.lead.LeadDao;
import io.tendril.sequence.EnrollmentDao;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records submissions: validates them, upserts the lead, keeps the inquiry with its attribution
 * and consent, and enrolls the lead in the form's sequence, all in one transaction.
 */
public final class CaptureService {

    private static final Logger log = LoggerFactory.getLogger(CaptureService.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public CaptureService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The outcome of a submission; callers must not tell the visitor whether the lead was new. */
    public record Result(long leadId, long submissionId, boolean created, Long enrollmentId) {
    }

    /** Returns the active form with this slug. */
    public Optional<Form> findForm(String slug) {
        return jdbi.withExtension(CaptureDao.class, dao -> dao.findFormBySlug(slug));
    }

    /** Returns the active form with this slug, or throws 404. */
    public Form requireForm(String slug) {
        return findForm(slug).orElseThrow(() -> ApiException.notFound("Form '" + slug + "'"));
    }

    /**
     * Validates and records a submission to {@code form}. When this returns, the submission is
     * committed to PostgreSQL.
     *
     * @throws io.tendril.http.ValidationException when a field is invalid; nothing is written
     */
    public Result submit(Form form, Submission submission) {
        ValidSubmission valid = SubmissionValidator.validate(form, submission);
        String touch = Json.write(valid.attribution());

        Result result = jdbi.inTransaction(handle -> {
            LeadDao leads = handle.attach(LeadDao.class);
            CaptureDao capture = handle.attach(CaptureDao.class);

            LeadDao.Upserted lead = leads.upsert(valid.email().address(), valid.email().key(),
                    valid.name(), valid.phone(), valid.company(), Json.write(valid.custom()),
                    valid.timeZone(), touch);

            long submissionId = capture.insertSubmission(form.id(), lead.id(),
                    Json.write(payload(valid)), attributionColumns(valid.attribution()),
                    submission.userAgent(), submission.ipHash());
            leads.insertEvent(lead.id(), "submit", null, submissionId, true,
                    Json.write(Map.of("form", form.slug())));

            if (valid.consentGiven()) {
                capture.insertConsent(lead.id(), form.id(), submissionId, form.consentText(),
                        form.consentVersion(), submission.ipHash());
            }

            Long enrollmentId = null;
            if (form.sequenceId() != null && "active".equals(lead.status())) {
                enrollmentId = handle.attach(EnrollmentDao.class)
                        .enroll(lead.id(), form.sequenceId(), form.id(), clock.instant())
                        .orElse(null);
            }
            return new Result(lead.id(), submissionId, lead.created(), enrollmentId);
        });

        log.info("Submission {} to form {} recorded for lead {} (new: {}, enrollment: {})",
                result.submissionId(), form.id(), result.leadId(), result.created(),
                result.enrollmentId());
        return result;
    }

    private static Map<String, Object> payload(ValidSubmission valid) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("email", valid.email().address());
        payload.put("name", valid.name());
        payload.put("phone", valid.phone());
        payload.put("company", valid.company());
        payload.putAll(valid.custom());
        payload.put("consent", valid.consentGiven());
        if (valid.timeZone() != null) {
            payload.put("time_zone", valid.timeZone());
        }
        return payload;
    }

    private static Map<String, Object> attributionColumns(Map<String, String> attribution) {
        Map<String, Object> columns = new HashMap<>();
        for (String name : Submission.ATTRIBUTION_FIELDS) {
            columns.put(name, attribution.get(name));
        }
        return columns;
    }
}
