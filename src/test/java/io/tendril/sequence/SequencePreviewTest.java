package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The timeline preview on a clock fixed at Friday 6 March 2026, 09:00 in New York, two days
 * before daylight saving time starts there. Lead changes through the API reach goal exits.
 */
class SequencePreviewTest {

    private static final String PLANNED = """
            {"key": "planned", "name": "Planned", "status": "active",
             "goal_exits": {"tags": ["booked"], "stages": ["customer"]},
             "steps": [
               {"name": "Next day", "wait": {"amount": 1, "unit": "days"},
                "subject": "Hello", "html": "<p>Hello</p>"},
               {"name": "After the change", "wait": {"amount": 2, "unit": "days"},
                "condition": {"type": "has_tag", "tag": "vip"},
                "action": "add_tag", "value": "nurtured"},
               {"name": "Tuesday", "wait": {"weekday": "tue", "at": "08:30"},
                "window": {"days": ["tue"], "start": "10:00", "end": "12:00"},
                "subject": "Tuesday", "html": "<p>Tuesday</p>"}
             ]}
            """;

    private static SequenceFixture fixture;
    private static long sequenceId;
    private static JsonNode preview;

    @BeforeAll
    static void start() {
        fixture = new SequenceFixture();
        sequenceId = fixture.create(PLANNED).get("id").asLong();
        long leadId = fixture.lead("nina@example.com", "active", "America/New_York");
        preview = fixture.call(200, "GET", "/api/v1/sequences/" + sequenceId + "/preview?lead="
                + leadId, null);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void previewUsesLeadTimeZone() {
        assertEquals("America/New_York", preview.get("time_zone").asText());
        assertTrue(preview.get("enrollment_id").isNull());
        assertEquals(3, preview.get("data").size());
    }

    @Test
    void dayWaitBeforeChangeKeepsNineOClock() {
        JsonNode first = preview.get("data").get(0);

        assertEquals("2026-03-07T14:00:00Z", first.get("due_at").asText());
        assertEquals("2026-03-07T09:00:00-05:00", first.get("due_local").asText());
    }

    @Test
    void dayWaitAcrossChangeKeepsNineOClock() {
        JsonNode second = preview.get("data").get(1);

        assertEquals("2026-03-09T13:00:00Z", second.get("due_at").asText());
        assertEquals("2026-03-09T09:00:00-04:00", second.get("due_local").asText());
        assertEquals("America/New_York", second.get("time_zone").asText());
    }

    @Test
    void stepWindowMovesWeekdayWait() {
        JsonNode third = preview.get("data").get(2);

        assertEquals("2026-03-10T10:00:00-04:00", third.get("due_local").asText());
    }

    @Test
    void missingTagConditionDoesNotHold() {
        JsonNode second = preview.get("data").get(1);

        assertEquals("has_tag", second.get("condition").get("type").asText());
        assertFalse(second.get("condition_holds").asBoolean());
        assertTrue(preview.get("data").get(0).get("condition_holds").asBoolean());
    }

    @Test
    void previewFollowsRunningEnrollment() {
        long leadId = fixture.lead("otto@example.com", "active", "America/New_York");
        long enrollment = fixture.enroll(sequenceId, leadId).get("id").asLong();
        fixture.jdbi.useHandle(h -> h.execute("UPDATE enrollments SET next_position = 2,"
                + " next_due_at = '2026-03-09T13:00:00Z' WHERE id = ?", enrollment));
        JsonNode planned = fixture.call(200, "GET", "/api/v1/sequences/" + sequenceId
                + "/preview?lead=" + leadId, null);

        assertEquals(enrollment, planned.get("enrollment_id").asLong());
        assertEquals(2, planned.get("data").size());
        assertEquals(2, planned.get("data").get(0).get("position").asInt());
    }

    @Test
    void goalTagExitsEnrollment() {
        long leadId = fixture.lead("gail@example.com", "active", null);
        long enrollment = fixture.enroll(sequenceId, leadId).get("id").asLong();
        JsonNode lead = fixture.call(200, "PATCH", "/api/v1/leads/" + leadId,
                "{\"add_tags\": [\"booked\"]}");
        JsonNode exited = fixture.call(200, "GET", "/api/v1/enrollments/" + enrollment, null);

        assertEquals("booked", lead.get("tags").get(0).asText());
        assertEquals("exited", exited.get("status").asText());
        assertEquals("goal", exited.get("exit_reason").asText());
    }

    @Test
    void stageChangeIsOnTimeline() {
        long leadId = fixture.lead("stan@example.com", "active", null);
        fixture.call(200, "PATCH", "/api/v1/leads/" + leadId, """
                {"stage": "mql", "tags": ["a", "b"], "remove_tags": ["b"],
                 "attributes": {"plan": "pro", "seats": 5}}
                """);
        JsonNode lead = fixture.call(200, "GET", "/api/v1/leads/" + leadId, null);

        assertEquals("mql", lead.get("stage").asText());
        assertEquals("[\"a\"]", lead.get("tags").toString());
        assertEquals("pro", lead.get("attributes").get("plan").asText());
        assertEquals(1, fixture.count("SELECT count(*) FROM events WHERE lead_id = ? AND type ="
                + " 'stage' AND data ->> 'stage' = 'mql'", leadId));
        assertEquals(1, fixture.count("SELECT count(*) FROM events WHERE lead_id = ? AND type ="
                + " 'tag' AND data ->> 'tag' = 'a'", leadId));
    }

    @Test
    void attributeNullRemovesIt() {
        long leadId = fixture.lead("ivy@example.com", "active", null);
        fixture.call(200, "PATCH", "/api/v1/leads/" + leadId,
                "{\"attributes\": {\"plan\": \"pro\", \"size\": \"s\"}}");
        JsonNode lead = fixture.call(200, "PATCH", "/api/v1/leads/" + leadId,
                "{\"attributes\": {\"plan\": null}}");

        assertEquals("{\"size\":\"s\"}", lead.get("attributes").toString());
    }

    @Test
    void camelCaseLeadPatchChangesNothing() {
        long leadId = fixture.lead("cami@example.com", "active", null);
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/leads/" + leadId,
                "{\"addTags\": [\"vip\"], \"stage\": \"mql\"}");
        JsonNode fields = Http.json(response).get("error").get("details").get("fields");
        JsonNode lead = fixture.call(200, "GET", "/api/v1/leads/" + leadId, null);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Unknown property; did you mean add_tags?", fields.get("addTags").asText());
        assertEquals(1, fields.size(), response.body());
        assertEquals("new", lead.get("stage").asText());
        assertEquals(0, lead.get("tags").size());
    }

    @Test
    void invalidLeadPatchNamesFields() {
        long leadId = fixture.lead("paz@example.com", "active", null);
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/leads/" + leadId, """
                {"stage": "Not Valid", "add_tags": [""], "attributes": {"deep": {"a": 1}},
                 "email": "other@example.com"}
                """);
        JsonNode fields = Http.json(response).get("error").get("details").get("fields");

        assertEquals(422, response.statusCode());
        assertTrue(fields.has("stage"), response.body());
        assertTrue(fields.has("add_tags[0]"), response.body());
        assertTrue(fields.has("attributes.deep"), response.body());
        assertTrue(fields.has("email"), response.body());
        assertEquals("new", fixture.call(200, "GET", "/api/v1/leads/" + leadId, null)
                .get("stage").asText());
    }
}
