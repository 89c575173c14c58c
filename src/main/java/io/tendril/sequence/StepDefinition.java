package io.tendril.sequence;

import java.time.LocalTime;
import java.util.Locale;

/**
 * A step as submitted to the sequence API and validated, ready to be written as a row of
 * {@code steps}. Email steps carry templates; stage and tag steps carry {@code value}.
 *
 * @param window the step's own send window, or null to use the sequence's
 * @param condition null when the step always acts
 */
public record StepDefinition(String name, Wait delay, SendWindow window, Condition condition,
        StepPlan.Action action, String value, String subject, String html, String text) {

    /** {@code minutes}, {@code hours}, {@code days} or {@code weekday}, as stored. */
    public String waitUnit() {
        return delay.kind() == Wait.Kind.NEXT_WEEKDAY ? "weekday"
                : delay.unit().name().toLowerCase(Locale.ROOT);
    }

    public int waitAmount() {
        return (int) delay.amount();
    }

    public Integer waitWeekday() {
        return delay.weekday() == null ? null : delay.weekday().getValue();
    }

    public LocalTime waitTime() {
        return delay.at();
    }

    public String actionCode() {
        return action.code();
    }

    public String conditionJson() {
        return condition == null ? null : condition.toJson().toString();
    }

    public int[] windowDays() {
        return SequenceJson.dayNumbers(window);
    }

    public LocalTime windowStart() {
        return window == null ? null : window.start();
    }

    public LocalTime windowEnd() {
        return window == null ? null : window.end();
    }

    /** Returns the subject template, empty for a step that sends no email. */
    public String subjectTemplate() {
        return subject == null ? "" : subject;
    }

    public String htmlTemplate() {
        return html == null ? "" : html;
    }

    public String textTemplate() {
        return text == null ? "" : text;
    }
}
