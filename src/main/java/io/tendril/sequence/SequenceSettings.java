package io.tendril.sequence;

import java.time.LocalTime;

/**
 * The settings of a sequence that apply to every version of its steps: its name, the time zone
 * for leads without one, the default send window (null: any time), goal exits and the
 * re-enrollment policy ({@code never} or {@code after_end}).
 */
public record SequenceSettings(String name, String timeZone, SendWindow window, GoalExits goals,
        String reenroll) {

    public int[] windowDays() {
        return SequenceJson.dayNumbers(window);
    }

    public LocalTime windowStart() {
        return window == null ? null : window.start();
    }

    public LocalTime windowEnd() {
        return window == null ? null : window.end();
    }

    public String goalExits() {
        return goals.toJson().toString();
    }
}
