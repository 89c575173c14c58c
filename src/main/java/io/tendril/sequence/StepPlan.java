package io.tendril.sequence;

import java.util.Locale;

/**
 * One step of one sequence version, as the due pass runs it: wait, then act when the condition
 * holds. Steps of a version never change, so a plan can be kept in memory for good.
 *
 * @param delay the wait before the step acts
 * @param window the step's own send window, or null to use the sequence's
 * @param condition null when the step always acts
 */
public record StepPlan(long id, int position, String name, Action action, String actionValue,
        Condition condition, Wait delay, SendWindow window, String subjectTemplate,
        String htmlTemplate, String textTemplate) {

    /** What a step does once its wait is over. */
    public enum Action {
        EMAIL, SET_STAGE, ADD_TAG, REMOVE_TAG;

        /** The name stored in {@code steps.action} and used by the API. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a stored or submitted action name. */
        public static Action of(String code) {
            for (Action action : values()) {
                if (action.code().equals(code)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("must be one of email, set_stage, add_tag,"
                    + " remove_tag; got '" + code + "'");
        }
    }

    /** Whether the step acts for this lead now; a step without a condition always does. */
    public boolean holdsFor(LeadFacts lead) {
        return condition == null || condition.holds(lead);
    }
}
