package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.capture.JsonFields;
import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import io.tendril.lead.Lead;
import io.tendril.lead.LeadDao;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolls leads through the API, lists, reads and ends enrollments. Enrolling follows the same
 * rules as a form submission: the sequence's re-enrollment policy, one running enrollment per
 * lead and sequence, and only active leads.
 */
public final class EnrollmentService {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);
    private static final List<String> STATUSES = List.of("active", "paused", "completed",
            "exited");

    private final Jdbi jdbi;
    private final Clock clock;

    public EnrollmentService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Enrolls the lead named by {@code lead_id}; a 409 message gives the reason it cannot. */
    Enrollment enroll(long sequenceId, JsonNode body) {
        if (body != null && body.isObject()) {
            JsonFields.rejectUnknown(body, Set.of("lead_id"));
        }
        long leadId = leadId(body);
        Enrollment enrollment = jdbi.inTransaction(handle -> {
            Sequence sequence = SequenceEditor.find(handle.attach(SequenceDao.class),
                    sequenceId);
            Lead lead = handle.attach(LeadDao.class).findById(leadId)
                    .orElseThrow(() -> ApiException.notFound("Lead " + leadId));
            checkEnrollable(handle, sequence, lead);
            EnrollmentAdminDao enrollments = handle.attach(EnrollmentAdminDao.class);
            long id = handle.attach(EnrollmentDao.class)
                    .enroll(leadId, sequenceId, null, clock.instant())
                    .orElseThrow(() -> refusal(enrollments, sequence, leadId));
            return enrollments.findById(id).orElseThrow();
        });
        log.info("Lead {} enrolled in sequence {} as enrollment {}", leadId, sequenceId,
                enrollment.id());
        return enrollment;
    }

    /** Lists the sequence's enrollments by id after {@code after}. */
    List<Enrollment> list(long sequenceId, String status, long after, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ValidationException.of("status", "Must be one of " + String.join(", ",
                    STATUSES) + "; got '" + status + "'.");
        }
        return jdbi.withHandle(handle -> {
            SequenceEditor.find(handle.attach(SequenceDao.class), sequenceId);
            return handle.attach(EnrollmentAdminDao.class)
                    .listOfSequence(sequenceId, status, after, limit);
        });
    }

    Enrollment get(long id) {
        return jdbi.withExtension(EnrollmentAdminDao.class, dao -> dao.findById(id))
                .orElseThrow(() -> ApiException.notFound("Enrollment " + id));
    }

    /**
     * Ends a running enrollment with exit reason 'api' and an 'exit' event on the lead's
     * timeline. A message of it waiting for a retry fails. An ended enrollment gets a 409.
     */
    Enrollment exit(long id) {
        Enrollment enrollment = jdbi.inTransaction(handle -> {
            EnrollmentAdminDao enrollments = handle.attach(EnrollmentAdminDao.class);
            if (enrollments.exit(id, "api", clock.instant()).isEmpty()) {
                Enrollment ended = enrollments.findById(id)
                        .orElseThrow(() -> ApiException.notFound("Enrollment " + id));
                throw new ApiException(409, "conflict", "Enrollment " + id + " is "
                        + ended.status() + " already; only a running enrollment can exit.",
                        Map.of("status", ended.status()));
            }
            return enrollments.findById(id).orElseThrow();
        });
        log.info("Enrollment {} of lead {} exited through the API", id, enrollment.leadId());
        return enrollment;
    }

    private static void checkEnrollable(Handle handle, Sequence sequence, Lead lead) {
        if (!lead.status().equals("active")) {
            throw new ApiException(409, "conflict", "Lead " + lead.id() + " is "
                    + lead.status() + "; only an active lead can be enrolled"
                    + (lead.status().equals("pending") ? " (it has not confirmed its address"
                            + " yet)." : "."), Map.of("lead_status", lead.status()));
        }
        if (sequence.status().equals("archived")) {
            throw new ApiException(409, "conflict", "Sequence " + sequence.id() + " is"
                    + " archived, so it takes no new enrollments, and an archived sequence"
                    + " cannot be restored. Enroll the lead in another sequence, or create one"
                    + " with POST /api/v1/sequences.", Map.of("status", sequence.status()));
        }
        if (!List.of("active", "paused").contains(sequence.status())) {
            throw new ApiException(409, "conflict", "Sequence " + sequence.id() + " is "
                    + sequence.status() + "; activate it before enrolling leads.",
                    Map.of("status", sequence.status()));
        }
        if (handle.attach(StepPlanDao.class).findSteps(sequence.id(), sequence.version())
                .isEmpty()) {
            throw new ApiException(409, "conflict", "Sequence " + sequence.id() + " has no"
                    + " steps in its current version " + sequence.version() + ".",
                    Map.of("version", sequence.version()));
        }
    }

    private static ApiException refusal(EnrollmentAdminDao enrollments, Sequence sequence,
            long leadId) {
        return enrollments.findRunning(leadId, sequence.id())
                .map(running -> new ApiException(409, "conflict", "Lead " + leadId + " is"
                        + " already enrolled in sequence " + sequence.id() + " (enrollment "
                        + running.id() + ", " + running.status() + "); exit it first.",
                        Map.of("enrollment_id", running.id())))
                .orElseGet(() -> new ApiException(409, "conflict", "Lead " + leadId + " was"
                        + " enrolled in sequence " + sequence.id() + " before and its"
                        + " re-enrollment policy is '" + sequence.settings().reenroll()
                        + "'; set reenroll to 'after_end' to allow it.",
                        Map.of("reenroll", sequence.settings().reenroll())));
    }

    private static long leadId(JsonNode body) {
        JsonNode node = body == null ? null : body.get("lead_id");
        if (node == null || node.isNull()) {
            throw ValidationException.of("lead_id", "Is required: the id of the lead to enroll,"
                    + " a positive whole number.");
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1) {
            throw ValidationException.of("lead_id", "Must be a positive whole number (no"
                    + " quotes); got " + node + ".");
        }
        return node.asLong();
    }
}
