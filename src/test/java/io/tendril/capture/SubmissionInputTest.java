package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import io.tendril.support.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad and unusual input on the submission path, over real HTTP, and what is stored. */
class SubmissionInputTest {

    private static CaptureFixture fixture;
    private static long formId;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
        formId = fixture.createForm("""
                {"slug": "typed", "name": "Typed", "thank_you_url": "https://shop.example.com/ok",
                 "fields": [
                   {"name": "email", "type": "email", "required": true},
                   {"name": "name", "type": "text"},
                   {"name": "phone", "type": "phone"},
                   {"name": "seats", "type": "number"},
                   {"name": "start", "type": "date"},
                   {"name": "size", "type": "select", "options": ["1-10", "11-50"]},
                   {"name": "topics", "type": "multi-select", "options": ["api", "email, sms"]},
                   {"name": "code", "type": "text", "pattern": "[A-Z]{3}-[0-9]{2}",
                    "placeholder": "ABC-12"},
                   {"name": "ref", "type": "text", "pattern": "[0-9]{4}",
                    "help": "Four digits from your invoice."},
                   {"name": "notes", "type": "textarea"},
                   {"name": "demo", "type": "checkbox"},
                   {"name": "partner", "type": "hidden", "default": "direct"},
                   {"name": "consent", "type": "consent"}
                 ],
                 "consent_text": "Email me.", "tags": ["trial", "web"], "stage": "mql",
                 "spam": {"ip_limit": 1000, "email_limit": 1000}}
                """).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private HttpResponse<String> post(String json) {
        String withToken = json.replaceFirst("\\{", "{\"_render\": \""
                + fixture.renderToken(formId) + "\", ");
        return fixture.http.postJson("/f/typed", withToken);
    }

    private JsonNode lead(String emailKey) {
        String token = fixture.auth()[1];
        return Http.json(fixture.http.get("/api/v1/leads?email=" + emailKey, "Authorization",
                token)).get("data").get(0);
    }

    @Test
    void eachTypeRejectsBadValues() {
        HttpResponse<String> response = post("""
                {"email": "typed@example.com", "phone": "call me", "seats": "ten",
                 "start": "31/03/2026", "size": "huge", "topics": ["api", "fax"],
                 "code": "abc-12"}""");
        JsonNode errors = Http.json(response).get("errors");

        assertEquals(422, response.statusCode());
        for (String field : List.of("phone", "seats", "start", "size", "topics", "code")) {
            assertTrue(errors.has(field), field + " missing in " + errors);
        }
    }

    @Test
    void patternErrorShowsExpectedFormat() {
        HttpResponse<String> response = post("""
                {"email": "format@example.com", "code": "abc-12", "ref": "12"}""");
        JsonNode errors = Http.json(response).get("errors");

        assertEquals(422, response.statusCode());
        assertEquals("Code is not in the expected format, such as ABC-12.",
                errors.get("code").asText());
        assertEquals("Ref is not in the expected format (Four digits from your invoice).",
                errors.get("ref").asText());
    }

    @Test
    void goodTypedValuesAreStored() {
        HttpResponse<String> response = post("""
                {"email": "good@example.com", "phone": "+49 (30) 1234-567", "seats": "12",
                 "start": "2026-03-31", "size": "11-50", "topics": ["api", "email, sms"],
                 "code": "ABC-12", "notes": "Line one\\r\\nLine two", "demo": "on",
                 "unknown_field": "ignored"}""");
        JsonNode attributes = lead("good@example.com").get("attributes");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("+49 (30) 1234-567", lead("good@example.com").get("phone").asText());
        assertEquals("email, sms", attributes.get("topics").get(1).asText());
        assertEquals("Line one\nLine two", attributes.get("notes").asText());
        assertTrue(attributes.get("demo").asBoolean());
        assertEquals("direct", attributes.get("partner").asText());
        assertFalse(attributes.has("unknown_field"));
    }

    @Test
    void listOrObjectForOneValueGets422() {
        List<String> bodies = List.of(
                "{\"email\": [\"list@example.com\"]}",
                "{\"email\": {\"address\": \"list@example.com\"}}",
                "{\"email\": \"list@example.com\", \"name\": {\"x\": 1}}",
                "{\"email\": \"list@example.com\", \"name\": [\"Ann\"]}",
                "{\"email\": \"list@example.com\", \"name\": 1e999}",
                "{\"email\": \"list@example.com\", \"name\": true}",
                "{\"email\": \"list@example.com\", \"company\": {\"x\": 1}}",
                "{\"email\": \"list@example.com\", \"size\": [\"1-10\"]}",
                "{\"email\": \"list@example.com\", \"topics\": [{\"x\": \"api\"}]}",
                "{\"email\": \"list@example.com\", \"partner\": [\"direct\"]}");
        List<String> fields = List.of("email", "email", "name", "name", "name", "name",
                "company", "size", "topics", "partner");
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> response = post(bodies.get(i));
            assertEquals(422, response.statusCode(), bodies.get(i) + " got " + response.body());
            assertTrue(Http.json(response).get("errors").has(fields.get(i)), response.body());
        }
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "list@example.com"));
    }

    @Test
    void numberForTextFieldKeptAsText() {
        HttpResponse<String> response = post("{\"email\": \"number@example.com\","
                + " \"name\": 42, \"seats\": 12}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("42", fixture.string("SELECT name FROM leads WHERE email_key = ?",
                "number@example.com"));
        assertEquals("12", lead("number@example.com").get("attributes").get("seats").asText());
    }

    @Test
    void yesAndNoAreCheckboxValues() {
        HttpResponse<String> yes = post("{\"email\": \"yes@example.com\", \"consent\": \"Yes\"}");
        HttpResponse<String> no = post("{\"email\": \"no@example.com\", \"consent\": \"no\"}");

        assertEquals(200, yes.statusCode(), yes.body());
        assertEquals(200, no.statusCode(), no.body());
        assertEquals(1, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                + " ON l.id = c.lead_id WHERE l.email_key = ?", "yes@example.com"));
        assertEquals(0, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                + " ON l.id = c.lead_id WHERE l.email_key = ?", "no@example.com"));
    }

    @Test
    void unknownCheckboxValuesGet422() {
        for (String value : List.of("\"y\"", "\"maybe\"", "2", "[true]", "{\"x\": 1}")) {
            for (String field : List.of("consent", "demo")) {
                HttpResponse<String> response = post("{\"email\": \"tick@example.com\", \""
                        + field + "\": " + value + "}");
                assertEquals(422, response.statusCode(), field + "=" + value);
                assertTrue(Http.json(response).get("errors").has(field), response.body());
            }
        }
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "tick@example.com"));
    }

    @Test
    void checkboxValuesOfFormsAccepted() {
        List<String> ticked = List.of("true", "\"on\"", "\"true\"", "\"1\"", "1");
        for (int i = 0; i < ticked.size(); i++) {
            String email = "ticked" + i + "@example.com";
            HttpResponse<String> response = post("{\"email\": \"" + email + "\", \"consent\": "
                    + ticked.get(i) + "}");
            assertEquals(200, response.statusCode(), ticked.get(i) + ": " + response.body());
            assertEquals(1, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                    + " ON l.id = c.lead_id WHERE l.email_key = ?", email), ticked.get(i));
        }
        List<String> unticked = List.of("false", "\"\"", "\"false\"", "\"0\"", "null");
        for (int i = 0; i < unticked.size(); i++) {
            String email = "unticked" + i + "@example.com";
            HttpResponse<String> response = post("{\"email\": \"" + email + "\", \"consent\": "
                    + unticked.get(i) + "}");
            assertEquals(200, response.statusCode(), unticked.get(i) + ": " + response.body());
            assertEquals(0, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                    + " ON l.id = c.lead_id WHERE l.email_key = ?", email), unticked.get(i));
        }
    }

    @Test
    void badAttributionDroppedNotRejected() {
        HttpResponse<String> response = post("""
                {"email": "attr@example.com", "utm_source": {"x": 1}, "utm_medium": 42,
                 "time_zone": "Mars/Base", "page_url": "javascript:alert(1)",
                 "referrer": " JAVASCRIPT:alert(1)", "utm_campaign": "spring"}""");
        String submission = "SELECT %s FROM submissions s JOIN leads l ON l.id = s.lead_id"
                + " WHERE l.email_key = ?";

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(null, fixture.string(submission.formatted("utm_source"),
                "attr@example.com"));
        assertEquals(null, fixture.string(submission.formatted("utm_medium"),
                "attr@example.com"));
        assertEquals(null, fixture.string(submission.formatted("page_url"),
                "attr@example.com"));
        assertEquals(null, fixture.string(submission.formatted("referrer"),
                "attr@example.com"));
        assertEquals("spring", fixture.string(submission.formatted("utm_campaign"),
                "attr@example.com"));
        assertEquals(null, fixture.string("SELECT time_zone FROM leads WHERE email_key = ?",
                "attr@example.com"));
    }

    @Test
    void longAttributionCutWholeCharacters() {
        String emoji = "\uD83D\uDE00";
        String source = "a".repeat(1999) + emoji + "b".repeat(3000);
        HttpResponse<String> response = post("{\"email\": \"cut@example.com\","
                + " \"utm_source\": " + Json.write(source) + ", \"page_url\":"
                + " \"https://shop.example.com/p?q=1\"}");
        String stored = fixture.string("SELECT s.utm_source FROM submissions s JOIN leads l"
                + " ON l.id = s.lead_id WHERE l.email_key = ?", "cut@example.com");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("a".repeat(1999) + emoji, stored);
        assertEquals("https://shop.example.com/p?q=1", fixture.string("SELECT s.page_url"
                + " FROM submissions s JOIN leads l ON l.id = s.lead_id WHERE l.email_key = ?",
                "cut@example.com"));
    }

    @Test
    void multiSelectFromRepeatedKeys() {
        HttpResponse<String> response = fixture.http.postForm("/f/typed",
                "email=multi@example.com&topics=api&topics=email%2C+sms&_render="
                        + fixture.renderToken(formId), "Accept", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, lead("multi@example.com").get("attributes").get("topics").size());
    }

    @Test
    void oversizedBodyGets413() {
        HttpResponse<String> response = post("{\"email\": \"big@example.com\", \"notes\": \""
                + "x".repeat(70_000) + "\"}");
        assertEquals(413, response.statusCode());
    }

    @Test
    void invalidUtf8JsonGets400() {
        byte[] body = "{\"email\": \"utf@example.com\", \"name\": \"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = fixture.http.send(fixture.http.request("/f/typed")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(400, response.statusCode());
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "utf@example.com"));
    }

    @Test
    void invalidUtf8FormValueIsNamed() {
        HttpResponse<String> response = fixture.http.postForm("/f/typed",
                "email=utf8@example.com&name=Ann%FF%FE&_render=" + fixture.renderToken(formId),
                "Accept", "application/json");
        assertEquals(422, response.statusCode());
        assertTrue(Http.json(response).get("errors").has("name"), response.body());
    }

    @Test
    void lineBreaksNeverReachName() {
        HttpResponse<String> response = fixture.http.postForm("/f/typed",
                "email=eve@example.com&name=Eve%0D%0ABcc:%20victim@example.org%00&_render="
                        + fixture.renderToken(formId), "Accept", "application/json");
        String name = fixture.string("SELECT name FROM leads WHERE email_key = ?",
                "eve@example.com");

        assertEquals(200, response.statusCode(), response.body());
        assertFalse(name.contains("\r"), name);
        assertFalse(name.contains("\n"), name);
        assertFalse(name.contains("\0"), name);
        assertTrue(name.startsWith("Eve"), name);
    }

    @Test
    void namesInAnyScriptKeptExactly() {
        List<String> names = List.of("Zoë Ñúñez", "ליאת כהן", "王芳", "Zoë 👩🏽‍💻");
        for (int i = 0; i < names.size(); i++) {
            String email = "script" + i + "@example.com";
            HttpResponse<String> response = post("{\"email\": \"" + email + "\", \"name\": "
                    + Json.write(names.get(i)) + "}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(names.get(i), fixture.string("SELECT name FROM leads"
                    + " WHERE email_key = ?", email));
        }
    }

    @Test
    void redirectOnlyToOwnThankYouUrl() {
        HttpResponse<String> response = fixture.http.postForm("/f/typed",
                "email=redir@example.com&redirect=https://evil.example&thank_you_url="
                        + "https://evil.example&_render=" + fixture.renderToken(formId),
                "Accept", "text/html");
        assertEquals(303, response.statusCode());
        assertEquals("https://shop.example.com/ok",
                response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void invalidFormPostRendersErrors() {
        HttpResponse<String> response = fixture.http.postForm("/f/typed",
                "email=nope&_render=" + fixture.renderToken(formId), "Accept", "text/html");
        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("aria-invalid=\"true\""), response.body());
    }

    @Test
    void knownEmailAnswersLikeNewOne() {
        HttpResponse<String> first = post("{\"email\": \"known@example.com\"}");
        HttpResponse<String> second = post("{\"email\": \"Known@Example.com\"}");
        assertEquals(first.statusCode(), second.statusCode());
        assertEquals(first.body(), second.body());
    }

    @Test
    void touchesAndEmptyValuesNeverErase() {
        post("{\"email\": \"touch@example.com\", \"name\": \"Tess\", \"company\": \"Acme\","
                + " \"utm_source\": \"ads\", \"utm_campaign\": \"spring\"}");
        post("{\"email\": \"touch@example.com\", \"utm_source\": \"newsletter\"}");
        post("{\"email\": \"touch@example.com\", \"name\": \"\"}");
        JsonNode lead = lead("touch@example.com");

        assertEquals("Tess", lead.get("name").asText());
        assertEquals("Acme", lead.get("company").asText());
        assertEquals("ads", lead.get("first_touch").get("utm_source").asText());
        assertEquals("newsletter", lead.get("last_touch").get("utm_source").asText());
        assertEquals("typed", lead.get("last_touch").get("form").asText());
        assertEquals(3, fixture.count("SELECT count(*) FROM submissions s JOIN leads l"
                + " ON l.id = s.lead_id WHERE l.email_key = ?", "touch@example.com"));
        assertEquals("ads", fixture.string("SELECT s.utm_source FROM submissions s JOIN leads l"
                + " ON l.id = s.lead_id WHERE l.email_key = ? ORDER BY s.id LIMIT 1",
                "touch@example.com"));
    }

    @Test
    void formTagsAndStageApplied() {
        post("{\"email\": \"tags@example.com\"}");
        post("{\"email\": \"tags@example.com\"}");
        JsonNode lead = lead("tags@example.com");
        assertEquals("[\"trial\",\"web\"]", lead.get("tags").toString());
        assertEquals("mql", lead.get("stage").asText());
    }

    @Test
    void consentRowKeepsItsTextVersion() {
        post("{\"email\": \"consent@example.com\", \"consent\": true}");
        fixture.api("PATCH", "/api/v1/forms/" + formId,
                "{\"consent_text\": \"Email me, and call me too.\"}");
        post("{\"email\": \"consent@example.com\", \"consent\": true}");

        assertEquals("1,2", fixture.string("SELECT string_agg(c.consent_version::text, ','"
                + " ORDER BY c.id) FROM consents c JOIN leads l ON l.id = c.lead_id"
                + " WHERE l.email_key = ?", "consent@example.com"));
        assertEquals(1, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                + " ON l.id = c.lead_id WHERE l.email_key = ? AND c.ip_hash IS NOT NULL"
                + " AND c.consent_text = 'Email me.'", "consent@example.com"));
        assertEquals("1,2", fixture.string("SELECT string_agg(s.form_version::text, ','"
                + " ORDER BY s.id) FROM submissions s JOIN leads l ON l.id = s.lead_id"
                + " WHERE l.email_key = ?", "consent@example.com"));
    }

    @Test
    void leadHistoryShowsEveryInquiry() {
        post("{\"email\": \"history@example.com\", \"consent\": true,"
                + " \"utm_campaign\": \"spring\"}");
        post("{\"email\": \"history@example.com\", \"utm_campaign\": \"autumn\"}");
        long leadId = lead("history@example.com").get("id").asLong();
        JsonNode submissions = Http.json(fixture.http.get("/api/v1/leads/" + leadId
                + "/submissions", fixture.auth())).get("data");
        JsonNode consents = Http.json(fixture.http.get("/api/v1/leads/" + leadId
                + "/consents", fixture.auth())).get("data");

        assertEquals(2, submissions.size());
        assertEquals("spring", submissions.get(0).get("attribution").get("utm_campaign")
                .asText());
        assertEquals("autumn", submissions.get(1).get("attribution").get("utm_campaign")
                .asText());
        assertEquals("typed", submissions.get(0).get("form").asText());
        assertEquals(1, consents.size());
        assertEquals("typed", consents.get(0).get("form_slug").asText());
        assertTrue(consents.get(0).get("ip_hash").asText().length() >= 32);
        assertEquals(404, fixture.http.get("/api/v1/leads/999999/submissions", fixture.auth())
                .statusCode());
    }
}
