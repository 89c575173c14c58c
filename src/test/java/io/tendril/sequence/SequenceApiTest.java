package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sequences API over real HTTP: create, read, list, patch, archive and every bad value. */
class SequenceApiTest {

    private static SequenceFixture fixture;
    /** The form 'demo' that goal exits may name. */
    private static long demoFormId;

    @BeforeAll
    static void start() {
        fixture = new SequenceFixture();
        demoFormId = fixture.jdbi.withHandle(h -> h.createQuery("INSERT INTO forms (slug, name)"
                + " VALUES ('demo', 'Demo') RETURNING id").mapTo(Long.class).one());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static final String FULL = """
            {"key": "full", "name": "Full", "status": "active", "time_zone": "Europe/Berlin",
             "window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00",
                        "end": "17:00"},
             "goal_exits": {"stages": ["customer"], "tags": ["booked"], "forms": ["demo"],
                            "any_other_form": true},
             "reenroll": "after_end",
             "steps": [
               {"name": "Welcome", "wait": {"amount": 0, "unit": "minutes"},
                "subject": "Welcome {{first_name}}", "html": "<p>Hi</p>", "text": "Hi"},
               {"name": "Tag", "wait": {"weekday": "tue", "at": "08:30"},
                "window": {"days": ["sat"], "start": "10:00", "end": "11:00"},
                "condition": {"type": "stage_in", "stages": ["mql"]},
                "action": "add_tag", "value": "nurtured"}
             ]}
            """;

    @Test
    void createdSequenceReadsBack() {
        long id = fixture.create(FULL).get("id").asLong();
        JsonNode sequence = fixture.call(200, "GET", "/api/v1/sequences/" + id, null);
        JsonNode tag = sequence.get("steps").get(1);

        assertEquals("active", sequence.get("status").asText());
        assertEquals(1, sequence.get("version").asInt());
        assertEquals("Europe/Berlin", sequence.get("time_zone").asText());
        assertEquals("[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]",
                sequence.get("window").get("days").toString());
        assertEquals("17:00", sequence.get("window").get("end").asText());
        assertEquals("booked", sequence.get("goal_exits").get("tags").get(0).asText());
        assertTrue(sequence.get("goal_exits").get("any_other_form").asBoolean());
        assertEquals("after_end", sequence.get("reenroll").asText());
        assertEquals("Welcome {{first_name}}",
                sequence.get("steps").get(0).get("subject").asText());
        assertEquals("{\"weekday\":\"tue\",\"at\":\"08:30\"}", tag.get("wait").toString());
        assertEquals("sat", tag.get("window").get("days").get(0).asText());
        assertEquals("stage_in", tag.get("condition").get("type").asText());
        assertEquals("add_tag", tag.get("action").asText());
        assertEquals("nurtured", tag.get("value").asText());
        assertEquals(2, tag.get("position").asInt());
        assertTrue(tag.get("id").asLong() > 0);
    }

    @Test
    void everyBadValueIsNamed() {
        long before = fixture.count("SELECT count(*) FROM sequences");
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences", """
                {"key": "Bad Key", "name": "", "status": "running", "time_zone": "Mars/Base",
                 "window": {"days": [], "start": "9am", "end": "08:00"},
                 "goal_exits": {"stages": "customer"}, "reenroll": "always",
                 "steps": [
                   {"wait": {"amount": 1, "unit": "days"}, "subject": "Hi {{#x}}",
                    "html": ""},
                   {"wait": {"amount": -1, "unit": "days"}, "html": "<p>x</p>"},
                   {"wait": {"amount": 400, "unit": "days"}, "subject": "s", "html": "h",
                    "condition": {"type": "likes_cats"}},
                   {"wait": {"weekday": "someday", "at": "25:00"}, "action": "add_tag"},
                   {"wait": {"amount": 1, "unit": "weeks"}, "action": "fly"},
                   {"action": "set_stage", "value": "mql"}
                 ]}
                """);
        JsonNode fields = Http.json(response).get("error").get("details").get("fields");

        assertEquals(422, response.statusCode());
        assertEquals("validation_failed", Http.json(response).get("error").get("code").asText());
        assertEquals(new TreeSet<>(Set.of("key", "name", "status", "time_zone", "window.days",
                "window.start", "goal_exits", "reenroll", "steps[0].subject", "steps[0].html",
                "steps[1].wait.amount", "steps[1].subject", "steps[2].wait.amount",
                "steps[2].condition", "steps[3].wait.weekday", "steps[3].wait.at", "steps[3].value",
                "steps[4].wait.unit", "steps[4].action", "steps[5].wait")), names(fields));
        assertEquals(before, fixture.count("SELECT count(*) FROM sequences"));
    }

    @Test
    void templateErrorIsNamedWithOtherErrors() {
        long before = fixture.count("SELECT count(*) FROM sequences");
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences", """
                {"key": "broken-step", "name": "Broken step",
                 "steps": [
                   {"wait": {"amount": 1, "unit": "weeks"},
                    "window": {"days": ["mon"], "start": "9am", "end": "17:00"},
                    "condition": {"type": "likes_cats"},
                    "subject": "Hi {{first_name", "html": "<p>{{#x}}</p>"},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "fly",
                    "subject": "Hi {{first_name"}
                 ]}
                """);
        JsonNode fields = fields(response);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("steps[0].wait.unit", "steps[0].window.start",
                "steps[0].condition", "steps[0].subject", "steps[0].html", "steps[1].action"),
                names(fields));
        assertTrue(fields.get("steps[0].subject").asText()
                .startsWith("The subject template does not compile: "), response.body());
        assertTrue(fields.get("steps[0].html").asText()
                .startsWith("The html template does not compile: "), response.body());
        assertEquals(before, fixture.count("SELECT count(*) FROM sequences"));
    }

    @Test
    void unknownPropertiesAreNamed() {
        long before = fixture.count("SELECT count(*) FROM sequences");
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences", """
                {"key": "typos", "name": "Typos", "timeZone": "Europe/Berlin",
                 "window": {"days": ["mon"], "start": "09:00", "end": "17:00",
                            "zone": "UTC"},
                 "goal_exits": {"tags": ["booked"], "anyOtherForm": true},
                 "steps": [
                   {"wait": {"amount": 1, "unit": "days", "amonut": 2},
                    "condition": {"type": "has_tag", "tags": "vip"},
                    "subjct": "Hi", "subject": "Hi", "html": "<p>Hi</p>", "value": "x"},
                   {"wait": {"weekday": "tue", "at": "09:00", "unit": "days"},
                    "action": "add_tag", "value": "nurtured", "subject": "Hi"},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "add_tag",
                    "value": "late", "position": 7}
                 ]}
                """);
        JsonNode fields = fields(response);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("timeZone", "window.zone", "goal_exits.anyOtherForm",
                "steps[0].wait.amonut", "steps[0].condition", "steps[0].condition.tags",
                "steps[0].subjct", "steps[0].value", "steps[1].wait", "steps[1].subject",
                "steps[2].position"), names(fields));
        assertEquals("Unknown property; did you mean time_zone?",
                fields.get("timeZone").asText());
        assertEquals("Unknown property. Known properties: days, end, start.",
                fields.get("window.zone").asText());
        assertEquals("Unknown property; did you mean any_other_form?",
                fields.get("goal_exits.anyOtherForm").asText());
        assertEquals("Unknown property; did you mean amount?",
                fields.get("steps[0].wait.amonut").asText());
        assertEquals("Unknown property; did you mean tag?",
                fields.get("steps[0].condition.tags").asText());
        assertEquals("Unknown property; did you mean subject?",
                fields.get("steps[0].subjct").asText());
        assertTrue(fields.get("steps[2].position").asText().contains("at position 3"),
                response.body());
        assertEquals(before, fixture.count("SELECT count(*) FROM sequences"));
    }

    @Test
    void unknownPatchPropertyChangesNothing() {
        long id = fixture.create(SequenceFixture.twoSteps("typo-patch", "draft", ""))
                .get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/sequences/" + id,
                "{\"name\": \"Renamed\", \"reEnroll\": \"after_end\"}");
        JsonNode after = fixture.call(200, "GET", "/api/v1/sequences/" + id, null);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("reEnroll"), names(fields(response)));
        assertEquals("Unknown property; did you mean reenroll?",
                fields(response).get("reEnroll").asText());
        assertEquals("Trial nurture", after.get("name").asText());
        assertEquals("never", after.get("reenroll").asText());
    }

    @Test
    void unknownStepPropertyWritesNoVersion() {
        long id = fixture.create(SequenceFixture.twoSteps("typo-steps", "draft", ""))
                .get("id").asLong();
        String path = "/api/v1/sequences/" + id + "/steps";
        HttpResponse<String> wrapped = fixture.api("PUT", path, """
                {"version": 2, "steps": [{"wait": {"amount": 1, "unit": "days"},
                  "subject": "Hi", "html": "<p>Hi</p>"}]}
                """);
        HttpResponse<String> bare = fixture.api("PUT", path, """
                [{"wait": {"amount": 1, "unit": "days"}, "subject": "Hi",
                  "HTML": "<p>Hi</p>"}]
                """);
        JsonNode after = fixture.call(200, "GET", "/api/v1/sequences/" + id, null);

        assertEquals(422, wrapped.statusCode(), wrapped.body());
        assertEquals(Set.of("version"), names(fields(wrapped)));
        assertEquals(422, bare.statusCode(), bare.body());
        assertEquals("Unknown property; did you mean html?",
                fields(bare).get("steps[0].HTML").asText());
        assertEquals(1, after.get("version").asInt());
    }

    @Test
    void stepsReadWithGetCanBePut() {
        long id = fixture.create(FULL.replace("\"full\"", "\"round-trip\"")).get("id")
                .asLong();
        JsonNode steps = fixture.call(200, "GET", "/api/v1/sequences/" + id, null)
                .get("steps");
        JsonNode replaced = fixture.call(200, "PUT", "/api/v1/sequences/" + id + "/steps",
                steps.toString());

        assertEquals(2, replaced.get("version").asInt());
        assertEquals(2, replaced.get("steps").size());
        assertEquals(steps.get(1).get("condition"), replaced.get("steps").get(1)
                .get("condition"));
    }

    @Test
    void goalExitsNameUnknownFormAndBadStage() {
        String longTag = "t".repeat(41);
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences", """
                {"key": "goals", "name": "Goals",
                 "goal_exits": {"forms": ["demo", "nope"], "stages": ["mql", "NOT OK!"],
                                "tags": ["%s"]}}
                """.formatted(longTag));
        JsonNode fields = fields(response);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("goal_exits.forms[1]", "goal_exits.stages[1]",
                "goal_exits.tags[0]"), names(fields));
        assertTrue(fields.get("goal_exits.forms[1]").asText().contains("'nope'"),
                response.body());
        assertTrue(fields.get("goal_exits.stages[1]").asText().contains("'NOT OK!'"),
                response.body());
        assertEquals(0, fixture.count("SELECT count(*) FROM sequences WHERE key = 'goals'"));
    }

    @Test
    void unknownVariablesListedOnSave() {
        JsonNode created = fixture.create("""
                {"key": "typo", "name": "Typo",
                 "steps": [
                   {"wait": {"amount": 1, "unit": "days"},
                    "subject": "Hi {{frist_name}}", "html": "<p>{{first_name}}</p>"},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "add_tag", "value": "x"},
                   {"wait": {"amount": 1, "unit": "days"},
                    "subject": "Tips", "html": "<p>{{compnay}}</p>", "text": "{{email}}"}
                 ]}
                """);

        JsonNode warnings = created.get("warnings");
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals("steps[0].subject", warnings.get(0).get("path").asText());
        assertTrue(warnings.get(0).get("message").asText().contains("{{frist_name}}"));
        assertEquals("steps[2].html", warnings.get(1).get("path").asText());
        assertTrue(warnings.get(1).get("message").asText().contains("{{compnay}}"));
        assertEquals(0, fixture.create(SequenceFixture.twoSteps("no-typo", "draft", ""))
                .get("warnings").size());
    }

    @Test
    void goalExitFormByIdStoresSlug() {
        JsonNode created = fixture.create("""
                {"key": "goal-by-id", "name": "Goal by id",
                 "goal_exits": {"forms": ["%d"]}}
                """.formatted(demoFormId));

        assertEquals("[\"demo\"]", created.get("goal_exits").get("forms").toString());
    }

    @Test
    void patchedGoalExitsAreChecked() {
        long id = fixture.create(SequenceFixture.twoSteps("goal-patch", "draft", ""))
                .get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/sequences/" + id,
                "{\"goal_exits\": {\"forms\": [\"nope\"], \"stages\": [\"NOT OK!\"]}}");

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("goal_exits.forms[0]", "goal_exits.stages[0]"),
                names(fields(response)));
    }

    @Test
    void stageAndTagStepValuesAreChecked() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences", """
                {"key": "bad-values", "name": "Bad values",
                 "steps": [
                   {"wait": {"amount": 1, "unit": "days"}, "action": "set_stage",
                    "value": "Big Stage"},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "add_tag",
                    "value": "%s"},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "remove_tag",
                    "value": "   "},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "set_stage",
                    "value": "customer"},
                   {"wait": {"amount": 1, "unit": "days"}, "action": "add_tag",
                    "value": "Booked demo"}
                 ]}
                """.formatted("t".repeat(41)));
        JsonNode fields = fields(response);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("steps[0].value", "steps[1].value", "steps[2].value"),
                names(fields));
        assertTrue(fields.get("steps[0].value").asText().contains("'Big Stage'"),
                response.body());
    }

    @Test
    void windowEndBeforeStartIsNamed() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences", """
                {"key": "late", "name": "Late",
                 "window": {"days": ["mon"], "start": "17:00", "end": "09:00"}}
                """);

        assertEquals(422, response.statusCode());
        assertTrue(fields(response).has("window.end"), response.body());
    }

    @Test
    void activeSequenceNeedsStep() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences",
                "{\"key\": \"empty\", \"name\": \"Empty\", \"status\": \"active\"}");

        assertEquals(422, response.statusCode());
        assertTrue(fields(response).has("steps"), response.body());
    }

    @Test
    void draftWithoutStepsIsCreated() {
        JsonNode created = fixture.create("{\"key\": \"later\", \"name\": \"Later\"}");

        assertEquals("draft", created.get("status").asText());
        assertEquals("UTC", created.get("time_zone").asText());
        assertEquals("never", created.get("reenroll").asText());
        assertEquals(0, created.get("steps").size());
    }

    @Test
    void takenKeyIsRefused() {
        fixture.create(SequenceFixture.twoSteps("taken", "draft", ""));
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences",
                SequenceFixture.twoSteps("taken", "draft", ""));

        assertEquals(422, response.statusCode());
        assertTrue(fields(response).has("key"), response.body());
    }

    @Test
    void patchChangesSettingsOnly() {
        JsonNode created = fixture.create(FULL.replace("\"full\"", "\"patched\""));
        long id = created.get("id").asLong();
        JsonNode patched = fixture.call(200, "PATCH", "/api/v1/sequences/" + id, """
                {"name": "Renamed", "window": null, "reenroll": "never",
                 "time_zone": "America/Chicago"}
                """);

        assertEquals("Renamed", patched.get("name").asText());
        assertTrue(patched.get("window").isNull());
        assertEquals("never", patched.get("reenroll").asText());
        assertEquals("America/Chicago", patched.get("time_zone").asText());
        assertEquals("booked", patched.get("goal_exits").get("tags").get(0).asText());
        assertEquals(1, patched.get("version").asInt());
        assertEquals(created.get("steps"), patched.get("steps"));
    }

    @Test
    void emptyPatchChangesNothing() {
        JsonNode created = fixture.create(SequenceFixture.twoSteps("untouched", "draft", ""));
        String path = "/api/v1/sequences/" + created.get("id").asLong();
        fixture.clock.advance(Duration.ofMinutes(5));
        try {
            JsonNode empty = fixture.call(200, "PATCH", path, "{}");
            JsonNode same = fixture.call(200, "PATCH", path,
                    "{\"name\": \"" + created.get("name").asText() + "\"}");

            assertEquals(created, empty);
            assertEquals(created.get("updated_at"), same.get("updated_at"));
        } finally {
            fixture.clock.set(SequenceFixture.NOW);
        }
    }

    @Test
    void invalidPatchWritesNothing() {
        long id = fixture.create(SequenceFixture.twoSteps("unpatched", "draft", ""))
                .get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/sequences/" + id,
                "{\"name\": \"New name\", \"time_zone\": \"Mars/Base\"}");
        JsonNode after = fixture.call(200, "GET", "/api/v1/sequences/" + id, null);

        assertEquals(422, response.statusCode());
        assertTrue(fields(response).has("time_zone"), response.body());
        assertEquals("Trial nurture", after.get("name").asText());
    }

    @Test
    void patchStatusActivatesAndPauses() {
        long id = fixture.create(SequenceFixture.twoSteps("lifecycle", "draft", ""))
                .get("id").asLong();
        String path = "/api/v1/sequences/" + id;

        assertEquals("active", fixture.call(200, "PATCH", path, "{\"status\": \"active\"}")
                .get("status").asText());
        assertEquals("paused", fixture.call(200, "PATCH", path, "{\"status\": \"paused\"}")
                .get("status").asText());
        assertEquals(409, fixture.api("PATCH", path, "{\"status\": \"draft\"}").statusCode());
    }

    @Test
    void backToDraftMessageFitsStatus() {
        long id = fixture.create(SequenceFixture.twoSteps("no-draft", "active", ""))
                .get("id").asLong();
        String path = "/api/v1/sequences/" + id;
        String fromActive = message(fixture.api("PATCH", path, "{\"status\": \"draft\"}"));
        fixture.call(200, "PATCH", path, "{\"status\": \"paused\"}");
        HttpResponse<String> response = fixture.api("PATCH", path, "{\"status\": \"draft\"}");
        String fromPaused = message(response);

        assertEquals(409, response.statusCode());
        assertTrue(fromActive.contains("is active and cannot go back to draft"), fromActive);
        assertTrue(fromActive.contains("pause it"), fromActive);
        assertTrue(fromPaused.contains("is paused and cannot go back to draft"), fromPaused);
        assertTrue(fromPaused.contains("resume it"), fromPaused);
        assertFalse(fromPaused.contains("pause it"), fromPaused);
    }

    @Test
    void draftCannotBePaused() {
        long id = fixture.create(SequenceFixture.twoSteps("draft-pause", "draft", ""))
                .get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/sequences/" + id,
                "{\"status\": \"paused\"}");

        assertEquals(409, response.statusCode());
        assertTrue(message(response).contains("is draft; only an active sequence can be"
                + " paused"), response.body());
    }

    @Test
    void listCountsRunningEnrollments() {
        long id = fixture.create(SequenceFixture.twoSteps("counted", "active", ""))
                .get("id").asLong();
        fixture.enroll(id, fixture.lead("cora@example.com", "active", null));
        JsonNode list = fixture.call(200, "GET", "/api/v1/sequences?status=active", null);

        JsonNode counted = null;
        for (JsonNode sequence : list.get("data")) {
            if (sequence.get("id").asLong() == id) {
                counted = sequence;
            }
        }
        assertEquals(1, counted.get("running_enrollments").asInt());
    }

    @Test
    void archiveExitsRunningEnrollments() {
        long id = fixture.create(SequenceFixture.twoSteps("archived", "active", ""))
                .get("id").asLong();
        long enrollment = fixture.enroll(id, fixture.lead("arlo@example.com", "active", null))
                .get("id").asLong();
        JsonNode archived = fixture.call(200, "DELETE", "/api/v1/sequences/" + id, null);
        JsonNode exited = fixture.call(200, "GET", "/api/v1/enrollments/" + enrollment, null);

        assertEquals("archived", archived.get("status").asText());
        assertEquals("exited", exited.get("status").asText());
        assertEquals("archived", exited.get("exit_reason").asText());
        assertEquals(409, fixture.api("PUT", "/api/v1/sequences/" + id + "/steps", "[]")
                .statusCode());
    }

    @Test
    void sequenceFedByFormStaysUnarchived() {
        long id = fixture.create(SequenceFixture.twoSteps("fed", "active", ""))
                .get("id").asLong();
        fixture.call(201, "POST", "/api/v1/forms", "{\"slug\": \"feeder\", \"name\":"
                + " \"Feeder\", \"fields\": [{\"name\": \"email\", \"type\": \"email\"}],"
                + " \"sequence_id\": " + id + "}");

        HttpResponse<String> refused = fixture.api("DELETE", "/api/v1/sequences/" + id, null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(message(refused).startsWith("Forms feeder still enroll"), refused.body());

        fixture.call(200, "DELETE", "/api/v1/forms/feeder", null);
        fixture.call(200, "DELETE", "/api/v1/sequences/" + id, null);
        HttpResponse<String> pointed = fixture.api("POST", "/api/v1/forms", "{\"slug\":"
                + " \"late\", \"name\": \"Late\", \"fields\": [{\"name\": \"email\","
                + " \"type\": \"email\"}], \"sequence_id\": " + id + "}");
        assertEquals(422, pointed.statusCode(), pointed.body());
        assertTrue(pointed.body().contains("is archived, so no lead would be enrolled"),
                pointed.body());
    }

    @Test
    void archivedSequenceRejectsEnrollment() {
        long id = fixture.create(SequenceFixture.twoSteps("closed", "active", ""))
                .get("id").asLong();
        fixture.call(200, "DELETE", "/api/v1/sequences/" + id, null);
        HttpResponse<String> response = fixture.api("POST", "/api/v1/sequences/" + id
                + "/enrollments", "{\"lead_id\": " + fixture.lead("late@example.com", "active",
                        null) + "}");

        assertEquals(409, response.statusCode());
        assertTrue(message(response).contains("is archived"), response.body());
        assertFalse(message(response).contains("activate it"), response.body());
    }

    @Test
    void unknownSequenceIsNotFound() {
        assertEquals(404, fixture.api("GET", "/api/v1/sequences/999999", null).statusCode());
    }

    @Test
    void sequencesNeedToken() {
        assertEquals(401, fixture.http.get("/api/v1/sequences").statusCode());
    }

    private static String message(HttpResponse<String> response) {
        return Http.json(response).get("error").get("message").asText();
    }

    private static JsonNode fields(HttpResponse<String> response) {
        return Http.json(response).get("error").get("details").get("fields");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
