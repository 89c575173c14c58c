package io.tendril.sequence;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves one enrollment along its steps when it falls due: the pure rules of the due pass and of
 * the sequence preview. A due step acts when its condition holds and is skipped otherwise;
 * stage and tag steps act at once and the lead goes on to the next step when that one is due
 * already; an email step ends the turn, so that the next step waits until the email is
 * recorded. Each next due time counts from now, in the lead's time zone, inside the send
 * window.
 */
public final class Advance {

    private Advance() {
    }

    /** The sequence settings that steps run under. */
    public record Settings(ZoneId zone, SendWindow window, GoalExits goals) {

        /** The lead's time zone when it names a valid zone, else the sequence's. */
        public ZoneId zoneFor(String leadTimeZone) {
            if (leadTimeZone == null || leadTimeZone.isBlank()) {
                return zone;
            }
            try {
                return ZoneId.of(leadTimeZone);
            } catch (DateTimeException e) {
                return zone;
            }
        }

        SendWindow windowOf(StepPlan step) {
            if (step.window() != null) {
                return step.window();
            }
            return window == null ? SendWindow.ALWAYS : window;
        }
    }

    /** A change a stage or tag step makes to the lead. */
    public record LeadChange(long stepId, StepPlan.Action action, String value) {
    }

    /**
     * What happens to the enrollment: the email step to send (or null), the lead changes, the
     * steps skipped because their condition failed, and where the enrollment goes next.
     *
     * @param status active, completed or exited
     * @param nextDueAt null unless the status is active
     */
    public record Decision(StepPlan email, List<LeadChange> changes, List<Long> skipped,
            int nextPosition, Instant nextDueAt, String status, String exitReason) {
    }

    /** One step of a planned timeline, and whether its condition holds for the lead now. */
    public record Planned(StepPlan step, Instant dueAt, boolean conditionHolds) {
    }

    /**
     * Decides what a due enrollment does now. {@code position} 0 means the enrollment was not
     * scheduled yet; otherwise it is the position of the step that fell due.
     */
    public static Decision decide(List<StepPlan> steps, Settings settings, ZoneId zone,
            int position, LeadFacts lead, Instant now) {
        Turn turn = new Turn(lead);
        StepPlan step = position == 0 ? first(steps) : at(steps, position);
        if (step == null) {
            return turn.end(position, "completed", null);
        }
        if (position == 0) {
            Instant due = dueAfter(now, step, settings, zone);
            if (due.isAfter(now)) {
                return turn.next(step.position(), due);
            }
        }
        while (true) {
            if (turn.act(step, settings.goals())) {
                return turn.end(step.position(), "exited", "goal");
            }
            StepPlan next = after(steps, step.position());
            if (next == null) {
                return turn.end(step.position() + 1, "completed", null);
            }
            Instant due = dueAfter(now, next, settings, zone);
            if (turn.email != null || due.isAfter(now)) {
                return turn.next(next.position(), due);
            }
            step = next;
        }
    }

    /**
     * Plans the remaining steps of an enrollment at {@code position} due at {@code dueAt}
     * (position 0: not scheduled yet, as just after enrolling), assuming each step acts when it
     * falls due.
     */
    public static List<Planned> timeline(List<StepPlan> steps, Settings settings, ZoneId zone,
            int position, Instant dueAt, LeadFacts lead, Instant now) {
        List<Planned> planned = new ArrayList<>();
        StepPlan step = position == 0 ? first(steps) : at(steps, position);
        Instant due = position == 0 || dueAt == null
                ? (step == null ? null : dueAfter(now, step, settings, zone))
                : dueAt;
        while (step != null) {
            planned.add(new Planned(step, due, step.holdsFor(lead)));
            StepPlan next = after(steps, step.position());
            if (next != null) {
                due = dueAfter(due.isBefore(now) ? now : due, next, settings, zone);
            }
            step = next;
        }
        return planned;
    }

    private static Instant dueAfter(Instant from, StepPlan step, Settings settings,
            ZoneId zone) {
        return SendTimes.due(from, step.delay(), settings.windowOf(step), zone);
    }

    private static StepPlan first(List<StepPlan> steps) {
        return steps.isEmpty() ? null : steps.get(0);
    }

    private static StepPlan at(List<StepPlan> steps, int position) {
        for (StepPlan step : steps) {
            if (step.position() == position) {
                return step;
            }
        }
        return null;
    }

    private static StepPlan after(List<StepPlan> steps, int position) {
        for (StepPlan step : steps) {
            if (step.position() > position) {
                return step;
            }
        }
        return null;
    }

    /** The changes of one enrollment's turn, collected as its steps act. */
    private static final class Turn {
        private LeadFacts lead;
        private StepPlan email;
        private final List<LeadChange> changes = new ArrayList<>();
        private final List<Long> skipped = new ArrayList<>();

        Turn(LeadFacts lead) {
            this.lead = lead;
        }

        /** Acts on one due step; returns true when that reaches a goal exit. */
        boolean act(StepPlan step, GoalExits goals) {
            if (!step.holdsFor(lead)) {
                skipped.add(step.id());
                return false;
            }
            LeadFacts before = lead;
            String value = step.actionValue();
            switch (step.action()) {
                case EMAIL -> email = step;
                case SET_STAGE -> lead = lead.withStage(value);
                case ADD_TAG -> lead = lead.withTags(with(lead.tags(), value, true));
                case REMOVE_TAG -> lead = lead.withTags(with(lead.tags(), value, false));
                default -> throw new IllegalStateException("Unknown action " + step.action());
            }
            if (step.action() != StepPlan.Action.EMAIL && !lead.equals(before)) {
                changes.add(new LeadChange(step.id(), step.action(), value));
            }
            return goals.reached(before, lead);
        }

        Decision next(int position, Instant due) {
            return new Decision(email, List.copyOf(changes), List.copyOf(skipped), position, due,
                    "active", null);
        }

        Decision end(int position, String status, String reason) {
            return new Decision(email, List.copyOf(changes), List.copyOf(skipped), position,
                    null, status, reason);
        }

        private static Set<String> with(Set<String> tags, String tag, boolean add) {
            Set<String> changed = new HashSet<>(tags);
            if (add) {
                changed.add(tag);
            } else {
                changed.remove(tag);
            }
            return changed;
        }
    }
}
