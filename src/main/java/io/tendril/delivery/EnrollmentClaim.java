package io.tendril.delivery;

import io.tendril.http.Json;
import io.tendril.sequence.Advance;
import io.tendril.sequence.StepPlan;
import io.tendril.sequence.StepPlans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The due-enrollment half of a claim: locks due enrollments, runs each one's step rules
 * ({@link Advance}) and writes the outcome in the same transaction: lead changes of stage and
 * tag steps, a {@code sending} message per email step, each enrollment's next step and due
 * time, and timeline events. A batch costs four statements however large it is, plus one per
 * stage or tag change.
 */
final class EnrollmentClaim {

    private final StepPlans plans;

    EnrollmentClaim(StepPlans plans) {
        this.plans = plans;
    }

    /**
     * Claims up to {@code limit} due enrollments; returns the messages to send. With a
     * {@code domainRate}, an enrollment whose email its domain has no room for this minute
     * does nothing of its turn: it stays at its step, due again when there is room.
     */
    Result claim(DeliveryDao dao, String nodeId, Instant now, int limit, int domainRate) {
        List<ClaimedEnrollment> due = dao.claimEnrollments(now, limit);
        if (due.isEmpty()) {
            return new Result(List.of(), 0, 0);
        }

        List<Advance.Decision> decisions = new ArrayList<>(due.size());
        for (ClaimedEnrollment enrollment : due) {
            decisions.add(decide(enrollment, now));
        }
        int held = domainRate > 0 ? holdOverDomainRate(dao, due, decisions, now, domainRate)
                : 0;
        Writes writes = new Writes();
        for (int i = 0; i < due.size(); i++) {
            writes.add(due.get(i), decisions.get(i));
        }

        for (Writes.Change change : writes.changes) {
            Advance.LeadChange what = change.change();
            switch (what.action()) {
                case SET_STAGE -> dao.setStage(change.leadId(), what.value(), what.stepId(), now);
                case ADD_TAG, REMOVE_TAG -> dao.changeTag(change.leadId(), what.value(),
                        what.action() == StepPlan.Action.ADD_TAG, what.stepId(), now);
                default -> throw new IllegalStateException("Not a lead change: " + what);
            }
        }
        List<DueMessage> messages = writes.insertMessages(dao, nodeId, now);
        dao.moveEnrollments(writes.ids.toArray(Long[]::new), writes.positions.toArray(
                Integer[]::new), writes.dueAts.toArray(String[]::new),
                writes.statuses.toArray(String[]::new), writes.reasons.toArray(String[]::new),
                now);
        if (!writes.eventLeads.isEmpty()) {
            dao.insertEvents(writes.eventLeads.toArray(Long[]::new),
                    writes.eventTypes.toArray(String[]::new),
                    writes.eventData.toArray(String[]::new), now);
        }
        return new Result(messages, due.size(), held);
    }

    /**
     * The messages a claim sends, how many enrollments it claimed, and how many of their emails
     * the per-domain rate held for a later minute.
     */
    record Result(List<DueMessage> messages, int rows, int held) {
    }

    /**
     * Replaces the turn of each enrollment whose email's domain is full by a wait; returns how
     * many it held.
     */
    private static int holdOverDomainRate(DeliveryDao dao, List<ClaimedEnrollment> due,
            List<Advance.Decision> decisions, Instant now, int domainRate) {
        List<Integer> emailing = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            if (sends(decisions.get(i))) {
                emailing.add(i);
            }
        }
        if (emailing.isEmpty()) {
            return 0;
        }
        Instant[] later = DomainLimit.admit(dao, emailing.stream().map(i -> due.get(i).email())
                .toList(), now, domainRate);
        int held = 0;
        for (int j = 0; j < later.length; j++) {
            if (later[j] != null) {
                int i = emailing.get(j);
                decisions.set(i, new Advance.Decision(null, List.of(), List.of(),
                        due.get(i).position(), later[j], "active", null));
                held++;
            }
        }
        return held;
    }

    private static boolean sends(Advance.Decision decision) {
        return decision.email() != null && !decision.status().equals("exited");
    }

    private Advance.Decision decide(ClaimedEnrollment enrollment, Instant now) {
        if (!enrollment.leadStatus().equals("active")) {
            // The unsubscribe, bounce or erasure normally ended the enrollment already; this
            // covers a lead changed behind the service's back.
            return new Advance.Decision(null, List.of(), List.of(), enrollment.position(), null,
                    "exited", enrollment.leadStatus());
        }
        List<StepPlan> steps = plans.steps(enrollment.sequenceId(), enrollment.version());
        return Advance.decide(steps, enrollment.settings(),
                enrollment.settings().zoneFor(enrollment.leadTimeZone()), enrollment.position(),
                enrollment.facts(), now);
    }

    /** The writes of one claim, collected column by column for the batch statements. */
    private static final class Writes {
        private record Change(long leadId, Advance.LeadChange change) {
        }

        private final List<Change> changes = new ArrayList<>();
        private final List<ClaimedEnrollment> emailed = new ArrayList<>();
        private final List<StepPlan> emailSteps = new ArrayList<>();
        private final List<Long> ids = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private final List<String> dueAts = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private final List<Long> eventLeads = new ArrayList<>();
        private final List<String> eventTypes = new ArrayList<>();
        private final List<String> eventData = new ArrayList<>();

        void add(ClaimedEnrollment enrollment, Advance.Decision decision) {
            decision.changes().forEach(c -> changes.add(new Change(enrollment.leadId(), c)));
            if (sends(decision)) {
                emailed.add(enrollment);
                emailSteps.add(decision.email());
            }
            ids.add(enrollment.enrollmentId());
            positions.add(decision.nextPosition());
            dueAts.add(decision.nextDueAt() == null ? null : decision.nextDueAt().toString());
            statuses.add(decision.status());
            reasons.add(decision.exitReason());
            for (long stepId : decision.skipped()) {
                event(enrollment.leadId(), "skip", Map.of("enrollment_id",
                        enrollment.enrollmentId(), "step_id", stepId));
            }
            // A goal exit comes from a lead change, whose trigger records the exit event.
            if (decision.status().equals("exited") && !"goal".equals(decision.exitReason())) {
                event(enrollment.leadId(), "exit", Map.of("enrollment_id",
                        enrollment.enrollmentId(), "sequence_id", enrollment.sequenceId(),
                        "reason", decision.exitReason()));
            }
        }

        private void event(long leadId, String type, Map<String, Object> data) {
            eventLeads.add(leadId);
            eventTypes.add(type);
            eventData.add(Json.write(data));
        }

        List<DueMessage> insertMessages(DeliveryDao dao, String nodeId, Instant now) {
            if (emailed.isEmpty()) {
                return List.of();
            }
            List<DeliveryDao.NewMessage> inserted = dao.insertMessages(
                    emailed.stream().map(ClaimedEnrollment::enrollmentId).toArray(Long[]::new),
                    emailSteps.stream().map(StepPlan::id).toArray(Long[]::new),
                    emailed.stream().map(ClaimedEnrollment::leadId).toArray(Long[]::new),
                    nodeId, now);
            Map<Long, Long> messageIds = new HashMap<>();
            inserted.forEach(m -> messageIds.put(m.enrollmentId(), m.id()));

            List<DueMessage> messages = new ArrayList<>(inserted.size());
            for (int i = 0; i < emailed.size(); i++) {
                ClaimedEnrollment e = emailed.get(i);
                Long messageId = messageIds.get(e.enrollmentId());
                if (messageId == null) {
                    continue;
                }
                StepPlan step = emailSteps.get(i);
                messages.add(new DueMessage(messageId, e.enrollmentId(), step.id(), e.leadId(),
                        e.email(), e.name(), e.company(), e.attributesJson(), e.sequenceName(),
                        step.subjectTemplate(), step.htmlTemplate(), step.textTemplate()));
            }
            return messages;
        }
    }
}
