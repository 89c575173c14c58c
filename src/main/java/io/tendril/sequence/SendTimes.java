package io.tendril.sequence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The time rules of a sequence: when a step falls due after a wait, kept inside a send window
 * in the lead's time zone. Days are calendar days in local time. A local time that does not
 * exist (spring forward) moves later by the length of the gap; an ambiguous one (fall back)
 * takes the earlier instant, which is what {@link ZonedDateTime#of} does.

 */
public final class SendTimes {

    /** A window with at least one day recurs within a week; one more day covers the gap. */
    private static final int WINDOW_SEARCH_DAYS = 8;

    private final Clock clock;

    public SendTimes(Clock clock) {
        this.clock = clock;
    }

    /** Returns when a step waiting {@code wait} from now falls due, inside {@code window}. */
    public Instant dueFromNow(Wait wait, SendWindow window, ZoneId zone) {
        return due(clock.instant(), wait, window, zone);
    }

    /** Returns when a step waiting {@code wait} from {@code from} falls due in the window. */
    public static Instant due(Instant from, Wait wait, SendWindow window, ZoneId zone) {
        return inWindow(afterWait(from, wait, zone), window, zone);
    }

    /** Returns the instant a wait ends, before any send window applies. */
    public static Instant afterWait(Instant from, Wait wait, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(from, zone);
        return switch (wait.kind()) {
            case DELAY -> switch (wait.unit()) {
                case DAYS -> ZonedDateTime.of(local.plusDays(wait.amount()), zone).toInstant();
                default -> from.plus(wait.elapsed());
            };
            case NEXT_WEEKDAY -> nextWeekday(from, local, wait, zone);
        };
    }

    private static Instant nextWeekday(Instant from, LocalDateTime local, Wait wait,
            ZoneId zone) {
        LocalDate date = local.toLocalDate().with(TemporalAdjusters.nextOrSame(wait.weekday()));
        Instant candidate = ZonedDateTime.of(date, wait.at(), zone).toInstant();
        if (!candidate.isAfter(from)) {
            candidate = ZonedDateTime.of(date.plusWeeks(1), wait.at(), zone).toInstant();
        }
        return candidate;
    }

    /** Returns {@code when} if it falls inside the window, else the window's next opening. */
    public static Instant inWindow(Instant when, SendWindow window, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(when, zone);
        for (int i = 0; i < WINDOW_SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!window.days().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = ZonedDateTime.of(day, window.start(), zone).toInstant();
            Instant end = ZonedDateTime.of(day, window.end(), zone).toInstant();
            if (when.isBefore(start)) {
                return start;
            }
            if (when.isBefore(end)) {
                return when;
            }
        }
        throw new IllegalStateException("No opening of the send window within a week of "
                + when);
    }
}
