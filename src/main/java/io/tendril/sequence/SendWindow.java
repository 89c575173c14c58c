package io.tendril.sequence;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The local days and hours in which a step may send: from {@code start} (inclusive) to
 * {@code end} (exclusive) on each of {@code days}, in the lead's time zone.
 */
public record SendWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    /** Every day, all day: no restriction. */
    public static final SendWindow ALWAYS = new SendWindow(EnumSet.allOf(DayOfWeek.class),
            LocalTime.MIN, LocalTime.MAX);

    public SendWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("A send window needs at least one day");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("A send window must start before it ends: "
                    + start + " to " + end);
        }
        days = Set.copyOf(days);
    }

    /** Monday to Friday, {@code start} to {@code end}. */
    public static SendWindow weekdays(LocalTime start, LocalTime end) {
        return new SendWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
    }
}
