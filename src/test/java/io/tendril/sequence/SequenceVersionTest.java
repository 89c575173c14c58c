package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step versions and enrollments over the API. A step edit writes a new version, and a lead in
 * flight keeps its own until migrated. Enrolling and exiting, with each 409.
 */
class SequenceVersionTest {

    private static final String THREE_STEPS = """
            {"steps": [
              {"name": "One", "wait": {"amount": 1, "unit": "days"}, "subject": "One",
               "html": "<p>1</p>"},
              {"name": "Two", "wait": {"amount": 3, "unit": "days"}, "subject": "Two",
               "html": "<p>2</p>"},
              {"name": "Three", "wait": {"amount": 5, "unit": "days"}, "subject": "Three",
               "html": "<p>3</p>"}
            ]}
            """;

    private static SequenceFixture fixture;
    private static long sequenceId;
    private static List<Long> versionOneSteps;
    private static JsonNode edited;
    private static JsonNode enrollmentAfterEdit;
    private static List<Long> versionOneStepsAfterEdit;
    private static JsonNode migrated;
    private static JsonNode enrollmentAfterMigration;

    @BeforeAll
    static void runScenario() {
        fixture = new SequenceFixture();
        JsonNode created = fixture.create(SequenceFixture.twoSteps("versioned", "active", ""));
        sequenceId = created.get("id").asLong();
        versionOneSteps = stepIds(created.get("steps"));
        long leadId = fixture.lead("vera@example.com", "active", null);
        long enrollmentId = fixture.enroll(sequenceId, leadId).get("id").asLong();
        waitAtStep(enrollmentId, 2);

        edited = fixture.call(200, "PUT", "/api/v1/sequences/" + sequenceId + "/steps",
                THREE_STEPS);
        enrollmentAfterEdit = enrollment(enrollmentId);
        versionOneStepsAfterEdit = stepIds(fixture.call(200, "GET", "/api/v1/sequences/"
                + sequenceId + "/versions/1", null).get("steps"));

        migrated = fixture.call(200, "POST", "/api/v1/sequences/" + sequenceId + "/migrate",
                "{\"from_version\": 1}");
        enrollmentAfterMigration = enrollment(enrollmentId);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void stepEditWritesVersionTwo() {
        assertEquals(2, edited.get("version").asInt());
        assertEquals(3, edited.get("steps").size());
        assertNotEquals(versionOneSteps.get(0), stepIds(edited.get("steps")).get(0));
    }

    @Test
    void enrollmentKeepsItsVersion() {
        assertEquals(1, enrollmentAfterEdit.get("version").asInt());
        assertEquals("active", enrollmentAfterEdit.get("status").asText());
    }

    @Test
    void oldVersionKeepsItsSteps() {
        assertEquals(versionOneSteps, versionOneStepsAfterEdit);
    }

    @Test
    void migrateMovesRunningEnrollment() {
        assertEquals(1, migrated.get("moved").asInt());
        assertEquals(0, migrated.get("completed").asInt());
        assertEquals(2, enrollmentAfterMigration.get("version").asInt());
        assertEquals(2, enrollmentAfterMigration.get("next_position").asInt());
    }

    @Test
    void migrateCompletesBeyondLastStep() {
        long id = fixture.create(SequenceFixture.twoSteps("shrunk", "active", ""))
                .get("id").asLong();
        long enrollment = fixture.enroll(id, fixture.lead("shay@example.com", "active", null))
                .get("id").asLong();
        waitAtStep(enrollment, 2);
        fixture.call(200, "PUT", "/api/v1/sequences/" + id + "/steps",
                "[{\"wait\": {\"amount\": 1, \"unit\": \"days\"}, \"action\": \"add_tag\","
                        + " \"value\": \"done\"}]");
        JsonNode result = fixture.call(200, "POST", "/api/v1/sequences/" + id + "/migrate",
                null);

        assertEquals(1, result.get("completed").asInt());
        assertEquals("completed", enrollment(enrollment).get("status").asText());
    }

    @Test
    void unknownVersionIsNotFound() {
        HttpResponse<String> response = fixture.api("GET", "/api/v1/sequences/" + sequenceId
                + "/versions/9", null);

        assertEquals(404, response.statusCode());
    }

    @Test
    void invalidStepListWritesNothing() {
        HttpResponse<String> response = fixture.api("PUT", "/api/v1/sequences/" + sequenceId
                + "/steps", "[{\"wait\": {\"amount\": 1, \"unit\": \"days\"}, \"html\": \"x\"}]");
        JsonNode after = fixture.call(200, "GET", "/api/v1/sequences/" + sequenceId, null);

        assertEquals(422, response.statusCode());
        assertTrue(Http.json(response).get("error").get("details").get("fields")
                .has("steps[0].subject"), response.body());
        assertEquals(2, after.get("version").asInt());
    }

    @Test
    void exitEndsEnrollmentWithEvent() {
        long leadId = fixture.lead("ezra@example.com", "active", null);
        long id = fixture.enroll(sequenceId, leadId).get("id").asLong();
        JsonNode exited = fixture.call(200, "POST", "/api/v1/enrollments/" + id + "/exit", null);
        long events = fixture.count("SELECT count(*) FROM events WHERE lead_id = ? AND type ="
                + " 'exit' AND data ->> 'reason' = 'api'", leadId);

        assertEquals("exited", exited.get("status").asText());
        assertEquals("api", exited.get("exit_reason").asText());
        assertEquals(1, events);
        assertEquals(409, fixture.api("POST", "/api/v1/enrollments/" + id + "/exit", null)
                .statusCode());
    }

    @Test
    void exitFailsQueuedRetry() {
        long leadId = fixture.lead("quinn@example.com", "active", null);
        long id = fixture.enroll(sequenceId, leadId).get("id").asLong();
        waitAtStep(id, 1);
        long stepId = fixture.count("SELECT min(id) FROM steps WHERE sequence_id = ?",
                sequenceId);
        fixture.jdbi.useHandle(h -> h.execute("INSERT INTO messages (enrollment_id, step_id,"
                + " lead_id, status, attempts, next_attempt_at) VALUES (?, ?, ?, 'queued', 1,"
                + " now() + interval '1 hour')", id, stepId, leadId));
        fixture.call(200, "POST", "/api/v1/enrollments/" + id + "/exit", null);

        assertEquals(1, fixture.count("SELECT count(*) FROM messages WHERE enrollment_id = ?"
                + " AND status = 'failed'", id));
    }

    @Test
    void migrateOfFirstVersionConflicts() {
        long id = fixture.create(SequenceFixture.twoSteps("single", "active", ""))
                .get("id").asLong();
        String path = "/api/v1/sequences/" + id + "/migrate";

        for (String body : new String[] {"{\"from_version\": 1}", null}) {
            HttpResponse<String> response = fixture.api("POST", path, body);
            String message = Http.json(response).get("error").get("message").asText();

            assertEquals(409, response.statusCode(), response.body());
            assertTrue(message.contains("no other version"), message);
            assertFalse(message.contains("from 1 to 0"), message);
        }
    }

    @Test
    void unknownMapPositionIsNamed() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences/" + sequenceId
                + "/migrate", "{\"position_map\": {\"1\": 9}}");

        assertEquals(422, response.statusCode());
        assertTrue(Http.json(response).get("error").get("details").get("fields")
                .has("position_map.1"), response.body());
    }

    @Test
    void runningEnrollmentRefusesSecond() {
        long leadId = fixture.lead("rita@example.com", "active", null);
        fixture.enroll(sequenceId, leadId);

        assertEquals(409, enrollStatus(sequenceId, leadId));
    }

    @Test
    void neverPolicyRefusesReenrollment() {
        long leadId = fixture.lead("nell@example.com", "active", null);
        long id = fixture.enroll(sequenceId, leadId).get("id").asLong();
        fixture.call(200, "POST", "/api/v1/enrollments/" + id + "/exit", null);

        assertEquals(409, enrollStatus(sequenceId, leadId));
    }

    @Test
    void afterEndPolicyAllowsReenrollment() {
        long id = fixture.create(SequenceFixture.twoSteps("again", "active",
                "\"reenroll\": \"after_end\",")).get("id").asLong();
        long leadId = fixture.lead("abe@example.com", "active", null);
        long first = fixture.enroll(id, leadId).get("id").asLong();
        fixture.call(200, "POST", "/api/v1/enrollments/" + first + "/exit", null);

        assertEquals(201, enrollStatus(id, leadId));
    }

    @Test
    void unsubscribedLeadIsRefused() {
        long leadId = fixture.lead("una@example.com", "unsubscribed", null);
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences/" + sequenceId
                + "/enrollments", "{\"lead_id\": " + leadId + "}");

        assertEquals(409, response.statusCode());
        assertEquals("unsubscribed", Http.json(response).get("error").get("details")
                .get("lead_status").asText());
    }

    @Test
    void unknownLeadIsNotFound() {
        assertEquals(404, enrollStatus(sequenceId, 999_999));
    }

    @Test
    void draftSequenceRefusesEnrollment() {
        long id = fixture.create(SequenceFixture.twoSteps("drafted", "draft", ""))
                .get("id").asLong();

        assertEquals(409, enrollStatus(id, fixture.lead("dora@example.com", "active", null)));
    }

    @Test
    void enrollmentsListFiltersByStatus() {
        long id = fixture.enroll(sequenceId, fixture.lead("liv@example.com", "active", null))
                .get("id").asLong();
        fixture.call(200, "POST", "/api/v1/enrollments/" + id + "/exit", null);
        JsonNode page = fixture.call(200, "GET", "/api/v1/sequences/" + sequenceId
                + "/enrollments?status=exited&limit=500", null);

        assertTrue(page.get("data").size() >= 1);
        page.get("data").forEach(e -> assertEquals("exited", e.get("status").asText()));
    }

    /** Puts the enrollment at {@code position}, due in a week, out of the due pass's way. */
    private static void waitAtStep(long enrollment, int position) {
        fixture.jdbi.useHandle(h -> h.execute("UPDATE enrollments SET next_position = ?,"
                + " next_due_at = ? WHERE id = ?", position,
                java.sql.Timestamp.from(SequenceFixture.NOW.plusSeconds(7 * 86_400)),
                enrollment));
    }

    private static int enrollStatus(long sequence, long leadId) {
        return fixture.api("POST", "/api/v1/sequences/" + sequence + "/enrollments",
                "{\"lead_id\": " + leadId + "}").statusCode();
    }

    private static JsonNode enrollment(long id) {
        return fixture.call(200, "GET", "/api/v1/enrollments/" + id, null);
    }

    private static List<Long> stepIds(JsonNode steps) {
        List<Long> ids = new ArrayList<>();
        steps.forEach(step -> ids.add(step.get("id").asLong()));
        return ids;
    }
}
