package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The step rules of one enrollment's turn, on fixed instants. */
class AdvanceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Advance.Settings PLAIN = new Advance.Settings(NEW_YORK, null,
            GoalExits.NONE);
    private static final LeadFacts LEAD = LeadFacts.of("new", Set.of("trial"),
            "{\"plan\": \"pro\", \"topics\": [\"api\", \"sms\"]}", 12, false, false);
    /** Saturday 2026-10-31 09:00 in New York, the day before clocks fall back. */
    private static final Instant SATURDAY_NINE = ZonedDateTime.of(2026, 10, 31, 9, 0, 0, 0,
            NEW_YORK).toInstant();

    private static StepPlan email(int position, Wait wait, String condition) {
        return new StepPlan(position * 10L, position, "Step " + position, StepPlan.Action.EMAIL,
                null, Condition.parse(condition), wait, null, "Subject", "<p>Hi</p>", "");
    }

    private static StepPlan change(int position, StepPlan.Action action, String value) {
        return new StepPlan(position * 10L, position, "Change", action, value, null,
                Wait.minutes(0), null, "", "", "");
    }

    @Test
    void newEnrollmentWaitsForItsFirstStep() {
        List<StepPlan> steps = List.of(email(1, Wait.days(2), null));
        Advance.Decision decision = Advance.decide(steps, PLAIN, NEW_YORK, 0, LEAD,
                SATURDAY_NINE);

        assertNull(decision.email());
        assertEquals(1, decision.nextPosition());
        assertEquals(ZonedDateTime.of(2026, 11, 2, 9, 0, 0, 0, NEW_YORK).toInstant(),
                decision.nextDueAt());
    }

    @Test
    void daysWaitKeepsLocalTimeAcrossFallBack() {
        List<StepPlan> steps = List.of(email(1, Wait.minutes(0), null),
                email(2, Wait.days(2), null));
        Advance.Decision decision = Advance.decide(steps, PLAIN, NEW_YORK, 1, LEAD,
                SATURDAY_NINE);

        assertEquals(10L, decision.email().id());
        assertEquals("2026-11-02T09:00-05:00[America/New_York]",
                decision.nextDueAt().atZone(NEW_YORK).toString());
    }

    @Test
    void failedConditionSkipsToNextStep() {
        List<StepPlan> steps = List.of(email(1, Wait.minutes(0), "{\"type\": \"has_tag\","
                + " \"tag\": \"customer\"}"), email(2, Wait.minutes(0), null));
        Advance.Decision decision = Advance.decide(steps, PLAIN, NEW_YORK, 1, LEAD,
                SATURDAY_NINE);

        assertEquals(List.of(10L), decision.skipped());
        assertEquals(20L, decision.email().id());
        assertEquals("completed", decision.status());
    }

    @Test
    void stageStepActsThenEmailEndsTurn() {
        List<StepPlan> steps = List.of(change(1, StepPlan.Action.SET_STAGE, "mql"),
                email(2, Wait.minutes(0), "{\"type\": \"stage_in\", \"stages\": [\"mql\"]}"),
                email(3, Wait.minutes(0), null));
        Advance.Decision decision = Advance.decide(steps, PLAIN, NEW_YORK, 1, LEAD,
                SATURDAY_NINE);

        assertEquals(1, decision.changes().size());
        assertEquals(20L, decision.email().id());
        assertEquals(3, decision.nextPosition());
        assertEquals(SATURDAY_NINE, decision.nextDueAt());
    }

    @Test
    void gainingGoalTagExits() {
        Advance.Settings goals = new Advance.Settings(NEW_YORK, null, new GoalExits(List.of(),
                List.of("customer"), List.of(), false));
        List<StepPlan> steps = List.of(change(1, StepPlan.Action.ADD_TAG, "customer"),
                email(2, Wait.minutes(0), null));
        Advance.Decision decision = Advance.decide(steps, goals, NEW_YORK, 1, LEAD,
                SATURDAY_NINE);

        assertEquals("exited", decision.status());
        assertEquals("goal", decision.exitReason());
        assertNull(decision.email());
    }

    @Test
    void removingAbsentTagChangesNothing() {
        List<StepPlan> steps = List.of(change(1, StepPlan.Action.REMOVE_TAG, "vip"));
        Advance.Decision decision = Advance.decide(steps, PLAIN, NEW_YORK, 1, LEAD,
                SATURDAY_NINE);

        assertTrue(decision.changes().isEmpty());
        assertEquals("completed", decision.status());
    }

    @Test
    void sendWindowDelaysToNextOpening() {
        Advance.Settings window = new Advance.Settings(NEW_YORK, SendWindow.weekdays(
                LocalTime.of(9, 0), LocalTime.of(17, 0)), GoalExits.NONE);
        List<StepPlan> steps = List.of(email(1, Wait.hours(1), null));
        Advance.Decision decision = Advance.decide(steps, window, NEW_YORK, 0, LEAD,
                SATURDAY_NINE);

        assertEquals("2026-11-02T09:00-05:00[America/New_York]",
                decision.nextDueAt().atZone(NEW_YORK).toString());
    }

    @Test
    void weekdayWaitGoesToNextTuesday() {
        List<StepPlan> steps = List.of(email(1, Wait.next(DayOfWeek.TUESDAY, LocalTime.of(8, 30)),
                null));
        Advance.Decision decision = Advance.decide(steps, PLAIN, NEW_YORK, 0, LEAD,
                SATURDAY_NINE);

        assertEquals("2026-11-03T08:30-05:00[America/New_York]",
                decision.nextDueAt().atZone(NEW_YORK).toString());
    }

    @Test
    void timelineMarksConditions() {
        List<StepPlan> steps = List.of(email(1, Wait.minutes(0), null),
                email(2, Wait.days(1), "{\"type\": \"lacks_tag\", \"tag\": \"trial\"}"));
        List<Advance.Planned> planned = Advance.timeline(steps, PLAIN, NEW_YORK, 0, null, LEAD,
                SATURDAY_NINE);

        assertEquals(SATURDAY_NINE, planned.get(0).dueAt());
        assertFalse(planned.get(1).conditionHolds());
        assertEquals("2026-11-01T09:00-05:00[America/New_York]",
                planned.get(1).dueAt().atZone(NEW_YORK).toString());
    }

    @Test
    void attributeConditionsMatchListItems() {
        assertTrue(Condition.parse(json("{\"type\": \"attribute\", \"name\": \"topics\","
                + " \"op\": \"equals\", \"value\": \"sms\"}")).holds(LEAD));
        assertTrue(Condition.parse(json("{\"type\": \"attribute\", \"name\": \"plan\","
                + " \"op\": \"matches\", \"value\": \"p.o\"}")).holds(LEAD));
        assertFalse(Condition.parse(json("{\"type\": \"attribute\", \"name\": \"missing\","
                + " \"value\": \"x\"}")).holds(LEAD));
    }

    @Test
    void engagementConditionsReadPreviousEmail() {
        LeadFacts opened = LeadFacts.of("new", Set.of(), null, 0, true, false);
        assertTrue(Condition.parse(json("{\"type\": \"opened\"}")).holds(opened));
        assertTrue(Condition.parse(json("{\"type\": \"not_clicked\"}")).holds(opened));
        assertFalse(Condition.parse(json("{\"type\": \"opened\"}")).holds(LEAD));
    }

    @Test
    void scoreConditionsCompareLeadScore() {
        assertTrue(Condition.parse(json("{\"type\": \"score_at_least\", \"score\": 12}"))
                .holds(LEAD));
        assertFalse(Condition.parse(json("{\"type\": \"score_at_least\", \"score\": 13}"))
                .holds(LEAD));
        assertTrue(Condition.parse(json("{\"type\": \"score_below\", \"score\": 13}"))
                .holds(LEAD));
        assertFalse(Condition.parse(json("{\"type\": \"score_below\", \"score\": -5}"))
                .holds(LEAD));
    }

    @Test
    void scoreConditionNeedsWholeNumber() {
        for (String score : List.of("\"10\"", "2.5", "null", "99999999999")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Condition.parse(json("{\"type\": \"score_below\", \"score\": "
                            + score + "}")), score);
            assertTrue(error.getMessage().contains("whole number"), error.getMessage());
        }
    }

    @Test
    void badConditionSaysWhatIsWrong() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse(json("{\"type\": \"attribute\", \"name\": \"plan\","
                        + " \"op\": \"like\", \"value\": \"x\"}")));
        assertTrue(error.getMessage().contains("op must be"), error.getMessage());
    }

    @Test
    void conditionJsonRoundTrips() {
        String stored = "{\"type\":\"stage_in\",\"stages\":[\"mql\",\"sql\"]}";
        assertEquals(stored, Condition.parse(json(stored)).toJson().toString());
        String score = "{\"type\":\"score_at_least\",\"score\":10}";
        assertEquals(score, Condition.parse(json(score)).toJson().toString());
    }

    private static JsonNode json(String text) {
        return Json.read(text, JsonNode.class);
    }
}
