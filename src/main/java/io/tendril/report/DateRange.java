package io.tendril.report;

import io.tendril.http.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The days a report covers, from and to inclusive, in UTC. */
public record DateRange(LocalDate from, LocalDate to) {

    /** The days a report covers when the request names none: the last 30, today included. */
    public static final int DEFAULT_DAYS = 30;
    /** The maximum range a request may ask for, in days. */
    public static final int MAX_DAYS = 366;

    /**
     * Parses the {@code from} and {@code to} query values ({@code YYYY-MM-DD}, either may be
     * null) into a range, defaulting to the last 30 days up to today.
     *
     * @throws ValidationException naming the parameter when a date is invalid, {@code to} is
     *         before {@code from}, or the range is longer than {@link #MAX_DAYS}
     */
    public static DateRange parse(String fromText, String toText, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = toText == null ? null : date("to", toText);
        LocalDate from = fromText == null ? null : date("from", fromText);
        if (to == null) {
            to = from == null ? today : from.plusDays(DEFAULT_DAYS - 1);
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }

        if (to.isBefore(from)) {
            throw ValidationException.of("to", "Must be on or after from (" + from + "); got "
                    + to + ".");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw ValidationException.of("from", "The range from " + from + " to " + to
                    + " covers " + days + " days; ask for at most " + MAX_DAYS + ".");
        }
        return new DateRange(from, to);
    }

    private static LocalDate date(String name, String text) {
        try {
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // Reported below.
        }
        throw ValidationException.of(name, "Must be a date as YYYY-MM-DD, such as 2026-01-31;"
                + " got '" + text + "'.");
    }
}
