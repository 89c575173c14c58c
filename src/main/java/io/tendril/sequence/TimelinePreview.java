package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.lead.Lead;
import io.tendril.lead.LeadDao;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Plans when each remaining step of a sequence would act for one lead: from its running
 * enrollment when it has one, else as if it enrolled now in the current version. Due times
 * follow the lead's time zone (else the sequence's) and the send windows.
 */
public final class TimelinePreview {

    /** The plan for one lead; {@code enrollment} is null when the lead is not enrolled. */
    record Plan(long sequenceId, long leadId, Enrollment enrollment, int version, ZoneId zone,
            List<Advance.Planned> steps) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public TimelinePreview(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Plan preview(long sequenceId, long leadId) {
        return jdbi.withHandle(handle -> {
            Sequence sequence = SequenceEditor.find(handle.attach(SequenceDao.class),
                    sequenceId);
            Lead lead = handle.attach(LeadDao.class).findById(leadId)
                    .orElseThrow(() -> ApiException.notFound("Lead " + leadId));
            Enrollment enrollment = handle.attach(EnrollmentAdminDao.class)
                    .findRunning(leadId, sequenceId).orElse(null);

            int version = enrollment == null ? sequence.version() : enrollment.version();
            int position = enrollment == null ? 0 : enrollment.nextPosition();
            Instant dueAt = enrollment == null ? null : enrollment.nextDueAt();
            Advance.Settings settings = settings(sequence);
            ZoneId zone = settings.zoneFor(lead.timeZone());
            List<StepPlan> steps = handle.attach(StepPlanDao.class).findSteps(sequenceId,
                    version);

            List<Advance.Planned> planned = Advance.timeline(steps, settings, zone, position,
                    dueAt, facts(handle, lead, enrollment), clock.instant());
            return new Plan(sequenceId, leadId, enrollment, version, zone, planned);
        });
    }

    private static Advance.Settings settings(Sequence sequence) {
        try {
            return sequence.runSettings();
        } catch (java.time.DateTimeException e) {
            // A zone written by hand into the database; the API accepts only valid ones.
            SequenceSettings stored = sequence.settings();
            return new Advance.Settings(ZoneId.of("UTC"), stored.window(), stored.goals());
        }
    }

    private static LeadFacts facts(Handle handle, Lead lead, Enrollment enrollment) {
        EnrollmentAdminDao.Engagement engagement = enrollment == null
                ? new EnrollmentAdminDao.Engagement(false, false)
                : handle.attach(EnrollmentAdminDao.class).lastEngagement(enrollment.id());
        JsonNode attributes = Json.MAPPER.valueToTree(lead.attributes());
        return new LeadFacts(lead.stage(), new HashSet<>(lead.tags()), attributes, lead.score(),
                engagement.opened(), engagement.clicked());
    }
}
