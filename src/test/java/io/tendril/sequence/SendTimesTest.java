package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SendTimesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final SendWindow OFFICE = SendWindow.weekdays(LocalTime.of(9, 0),
            LocalTime.of(17, 0));

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static SendTimes on(String utc) {
        return new SendTimes(Clock.fixed(at(utc), ZoneOffset.UTC));
    }

    @Test
    void daysKeepLocalTimeAcrossSpringForward() {
        // Friday 09:00 EST plus two days is Sunday 09:00 EDT, after the change.
        Instant due = on("2026-03-06T14:00:00Z").dueFromNow(Wait.days(2), SendWindow.ALWAYS,
                NEW_YORK);
        assertEquals(at("2026-03-08T13:00:00Z"), due);
    }

    @Test
    void daysKeepLocalTimeAcrossFallBack() {
        // Saturday 09:00 CEST plus two days is Monday 09:00 CET.
        Instant due = on("2026-10-24T07:00:00Z").dueFromNow(Wait.days(2), SendWindow.ALWAYS,
                BERLIN);
        assertEquals(at("2026-10-26T08:00:00Z"), due);
    }

    @Test
    void missingLocalTimeMovesLaterByGap() {
        // 02:30 on 8 March 2026 does not exist in New York; it becomes 03:30 EDT.
        Instant due = on("2026-03-07T07:30:00Z").dueFromNow(Wait.days(1), SendWindow.ALWAYS,
                NEW_YORK);
        assertEquals(at("2026-03-08T07:30:00Z"), due);
    }

    @Test
    void ambiguousLocalTimeTakesEarlierInstant() {
        // 01:30 on 1 November 2026 happens twice in New York; the EDT one comes first.
        Instant due = on("2026-10-31T05:30:00Z").dueFromNow(Wait.days(1), SendWindow.ALWAYS,
                NEW_YORK);
        assertEquals(at("2026-11-01T05:30:00Z"), due);
    }

    @Test
    void hoursCountElapsedTimeAcrossGap() {
        // 01:00 EST plus two hours is 04:00 EDT: the missing hour is not counted.
        Instant due = on("2026-03-08T06:00:00Z").dueFromNow(Wait.hours(2), SendWindow.ALWAYS,
                NEW_YORK);
        assertEquals(at("2026-03-08T08:00:00Z"), due);
    }

    @Test
    void minutesCountElapsedTime() {
        Instant due = on("2026-10-25T00:50:00Z").dueFromNow(Wait.minutes(20),
                SendWindow.ALWAYS, BERLIN);
        assertEquals(at("2026-10-25T01:10:00Z"), due);
    }

    @Test
    void weekdayWaitIntoBerlinGapMovesLater() {
        // From Wednesday noon, next Sunday at 02:30 falls in the gap: 03:30 CEST.
        Instant due = on("2026-03-25T11:00:00Z").dueFromNow(
                Wait.next(DayOfWeek.SUNDAY, LocalTime.of(2, 30)), SendWindow.ALWAYS, BERLIN);
        assertEquals(at("2026-03-29T01:30:00Z"), due);
    }

    @Test
    void weekdayWaitIntoBerlinOverlapTakesEarlier() {
        // Sunday 25 October 2026 02:30 happens twice; CEST (+02:00) comes first.
        Instant due = on("2026-10-21T10:00:00Z").dueFromNow(
                Wait.next(DayOfWeek.SUNDAY, LocalTime.of(2, 30)), SendWindow.ALWAYS, BERLIN);
        assertEquals(at("2026-10-25T00:30:00Z"), due);
    }

    @Test
    void weekdayWaitOnSameDayLaterTimeIsToday() {
        // Monday 08:00 Kathmandu (+05:45); next Monday at 09:00 is an hour later.
        Instant due = on("2026-03-09T02:15:00Z").dueFromNow(
                Wait.next(DayOfWeek.MONDAY, LocalTime.of(9, 0)), SendWindow.ALWAYS, KATHMANDU);
        assertEquals(at("2026-03-09T03:15:00Z"), due);
    }

    @Test
    void weekdayWaitOnSameDayPastTimeIsNextWeek() {
        // Monday 10:00 Kathmandu; next Monday at 09:00 is a week less an hour away.
        Instant due = on("2026-03-09T04:15:00Z").dueFromNow(
                Wait.next(DayOfWeek.MONDAY, LocalTime.of(9, 0)), SendWindow.ALWAYS, KATHMANDU);
        assertEquals(at("2026-03-16T03:15:00Z"), due);
    }

    @Test
    void lordHoweHalfHourGapMovesLater() {
        // 02:15 on 4 October 2026 does not exist (02:00 +10:30 becomes 02:30 +11:00).
        Instant due = on("2026-10-02T15:45:00Z").dueFromNow(Wait.days(1), SendWindow.ALWAYS,
                LORD_HOWE);
        assertEquals(at("2026-10-03T15:45:00Z"), due);
    }

    @Test
    void lordHoweHalfHourOverlapTakesEarlier() {
        // 01:45 on 5 April 2026 happens twice; the +11:00 one comes first.
        Instant due = on("2026-04-03T14:45:00Z").dueFromNow(Wait.days(1), SendWindow.ALWAYS,
                LORD_HOWE);
        assertEquals(at("2026-04-04T14:45:00Z"), due);
    }

    @Test
    void lateEveningWaitsForNextWindowOpening() {
        // Friday 18:00 in Kathmandu: the office window reopens Monday 09:00 (+05:45).
        Instant due = on("2026-03-06T12:15:00Z").dueFromNow(Wait.minutes(0), OFFICE,
                KATHMANDU);
        assertEquals(at("2026-03-09T03:15:00Z"), due);
    }

    @Test
    void windowOpensAtLocalTimeAfterSpringForward() {
        // Saturday evening EST; Monday 09:00 is already EDT.
        Instant due = on("2026-03-07T20:00:00Z").dueFromNow(Wait.hours(1), OFFICE, NEW_YORK);
        assertEquals(at("2026-03-09T13:00:00Z"), due);
    }

    @Test
    void windowOpensAtLocalTimeAfterFallBack() {
        // Friday 30 October 20:00 EDT; the window reopens Monday 2 November 09:00 EST.
        Instant due = on("2026-10-31T00:00:00Z").dueFromNow(Wait.minutes(0), OFFICE,
                NEW_YORK);
        assertEquals(at("2026-11-02T14:00:00Z"), due);
    }

    @Test
    void timeInsideWindowIsKept() {
        Instant due = on("2026-10-26T10:00:00Z").dueFromNow(Wait.minutes(30), OFFICE, BERLIN);
        assertEquals(at("2026-10-26T10:30:00Z"), due);
    }

    @Test
    void windowEarlyMorningWaitsSameDay() {
        // Lord Howe, Monday 6 April 2026 07:00 (+10:30): the window opens at 09:00 that day.
        Instant due = on("2026-04-05T20:30:00Z").dueFromNow(Wait.minutes(0), OFFICE,
                LORD_HOWE);
        assertEquals(at("2026-04-05T22:30:00Z"), due);
    }
}
