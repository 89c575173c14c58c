package io.tendril.sequence;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How long a step waits before it acts: either a delay ({@code amount} minutes, hours or
 * days) or the next given weekday at a local time of day.
 */
public record Wait(Kind kind, long amount, ChronoUnit unit, DayOfWeek weekday, LocalTime at) {

    /** The two shapes of a wait. */
    public enum Kind { DELAY, NEXT_WEEKDAY }

    public Wait {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DELAY) {
            if (amount < 0) {
                throw new IllegalArgumentException("A delay cannot be negative: " + amount);
            }
            if (unit != ChronoUnit.MINUTES && unit != ChronoUnit.HOURS
                    && unit != ChronoUnit.DAYS) {
                throw new IllegalArgumentException("A delay is in minutes, hours or days, not "
                        + unit);
            }
        } else {
            Objects.requireNonNull(weekday, "weekday");
            Objects.requireNonNull(at, "at");
        }
    }

    public static Wait minutes(long amount) {
        return new Wait(Kind.DELAY, amount, ChronoUnit.MINUTES, null, null);
    }

    public static Wait hours(long amount) {
        return new Wait(Kind.DELAY, amount, ChronoUnit.HOURS, null, null);
    }

    public static Wait days(long amount) {
        return new Wait(Kind.DELAY, amount, ChronoUnit.DAYS, null, null);
    }

    public static Wait next(DayOfWeek weekday, LocalTime at) {
        return new Wait(Kind.NEXT_WEEKDAY, 0, null, weekday, at);
    }

    /** The elapsed time of a minute or hour delay; days are calendar days, not 24 hours. */
    Duration elapsed() {
        return Duration.of(amount, unit);
    }
}
