package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.support.Http;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The forms API over real HTTP: create, read, update, archive, and every bad value. */
class FormApiTest {

    private static CaptureFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String form(String slug) {
        return """
                {"slug": "%s", "name": "Spring webinar",
                 "fields": [
                   {"name": "email", "type": "email", "label": "Work email", "required": true},
                   {"name": "name", "type": "text", "label": "Name", "max_length": 120},
                   {"name": "size", "type": "select", "options": ["1-10", "11-50", "51+"]},
                   {"name": "topics", "type": "multi-select", "options": ["api", "email"]},
                   {"name": "partner", "type": "hidden", "default": "none", "param": "p"},
                   {"name": "consent", "type": "consent", "required": true}
                 ],
                 "allowed_origins": ["https://Shop.Example.com"],
                 "thank_you_url": "https://shop.example.com/thanks",
                 "double_opt_in": true,
                 "consent_text": "Send me the webinar emails.",
                 "tags": ["webinar"], "stage": "mql",
                 "landing": {"headline": "Join us", "body": "**Live** Q&A",
                             "image_url": "/static/webinar.png"},
                 "spam": {"min_fill_seconds": 4, "pow_bits": 12}}
                """.formatted(slug);
    }

    @Test
    void createdFormReadsBack() {
        JsonNode created = fixture.createForm(form("webinar"));
        HttpResponse<String> read = fixture.api("GET", "/api/v1/forms/" + created.get("id"), null);
        JsonNode form = Http.json(read);

        assertEquals(200, read.statusCode());
        assertEquals("webinar", form.get("slug").asText());
        assertEquals(1, form.get("version").asInt());
        assertEquals("active", form.get("status").asText());
        assertEquals("https://shop.example.com", form.get("allowed_origins").get(0).asText());
        assertEquals("51+", form.get("fields").get(2).get("options").get(2).asText());
        assertEquals("p", form.get("fields").get(4).get("param").asText());
        assertEquals("none", form.get("fields").get(4).get("default").asText());
        assertEquals(120, form.get("fields").get(1).get("max_length").asInt());
        assertEquals("Join us", form.get("landing").get("headline").asText());
        assertEquals("/static/webinar.png", form.get("landing").get("image_url").asText());
        assertEquals(4, form.get("spam").get("min_fill_seconds").asInt());
        assertEquals(12, form.get("spam").get("pow_bits").asInt());
        assertEquals(20, form.get("spam").get("ip_limit").asInt());
        assertTrue(form.get("double_opt_in").asBoolean());
        assertEquals("mql", form.get("stage").asText());
    }

    @Test
    void formReadableBySlug() {
        fixture.createForm(form("by-slug"));
        HttpResponse<String> read = fixture.api("GET", "/api/v1/forms/by-slug", null);
        assertEquals(200, read.statusCode());
        assertEquals("by-slug", Http.json(read).get("slug").asText());
    }

    @Test
    void badValuesAreNamedInOne422() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/forms", """
                {"slug": "Bad Slug", "name": "",
                 "fields": [
                   {"name": "email", "type": "email", "max_length": 999},
                   {"name": "size", "type": "select"},
                   {"name": "Job", "type": "colour"},
                   {"name": "code", "type": "text", "pattern": "([a-z"},
                   {"name": "website", "type": "text"},
                   {"name": "note", "type": "text", "default": "x"}
                 ],
                 "allowed_origins": ["https://shop.example.com/path"],
                 "thank_you_url": "javascript:alert(1)",
                 "sequence_id": "one", "stage": "Big Stage",
                 "spam": {"pow_bits": 40, "ip_limit": 0},
                 "landing": {"image_url": "ftp://example.com/a.png"}}
                """);
        JsonNode errors = Http.json(response).get("errors");

        assertEquals(422, response.statusCode());
        for (String field : new String[] {"slug", "name", "fields[0].max_length",
            "fields[1].options", "fields[2].name", "fields[2].type", "fields[3].pattern",
            "fields[4].name", "fields[5]", "allowed_origins[0]", "thank_you_url", "sequence_id",
            "stage", "spam.pow_bits", "spam.ip_limit", "landing.image_url"}) {
            assertTrue(errors.has(field), "no error for " + field + " in " + errors);
        }
    }

    @Test
    void camelCasePatchChangesNothing() {
        long id = fixture.createForm(form("camel-patch")).get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"doubleOptIn\": false, \"requireRenderToken\": false}");
        JsonNode errors = Http.json(response).get("errors");
        JsonNode form = Http.json(fixture.api("GET", "/api/v1/forms/" + id, null));

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("doubleOptIn", "requireRenderToken"), names(errors));
        assertEquals("Unknown property; did you mean double_opt_in?",
                errors.get("doubleOptIn").asText());
        assertEquals("Unknown property; did you mean spam.require_render_token?",
                errors.get("requireRenderToken").asText());
        assertEquals(1, form.get("version").asInt());
        assertTrue(form.get("double_opt_in").asBoolean());
        assertTrue(form.get("spam").get("require_render_token").asBoolean());
    }

    @Test
    void unknownPropertyCreatesNothing() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/forms",
                form("colour").replace("\"name\": \"Spring webinar\",",
                        "\"name\": \"Spring webinar\", \"colour\": \"red\","));
        JsonNode errors = Http.json(response).get("errors");

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("colour"), names(errors));
        assertTrue(errors.get("colour").asText().startsWith("Unknown property. Known"
                + " properties: allowed_origins, consent_text,"), response.body());
        assertEquals(404, fixture.api("GET", "/api/v1/forms/colour", null).statusCode());
    }

    @Test
    void unknownNestedPropertiesAreNamed() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/forms", """
                {"slug": "nested-typos", "name": "Nested typos",
                 "fields": [
                   {"name": "email", "type": "email", "maxLength": 100},
                   {"name": "size", "type": "select", "options": ["s"], "colour": "red"}
                 ],
                 "landing": {"headline": "Hi", "title": "Hello"},
                 "spam": {"pow_bit": 4},
                 "status": "archived"}
                """);
        JsonNode errors = Http.json(response).get("errors");

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("fields[0].maxLength", "fields[1].colour", "landing.title",
                "spam.pow_bit", "status"), names(errors));
        assertEquals("Unknown property; did you mean max_length?",
                errors.get("fields[0].maxLength").asText());
        assertEquals("Unknown property; did you mean pow_bits?",
                errors.get("spam.pow_bit").asText());
        assertEquals("Unknown property. Known properties: body, headline, image_url.",
                errors.get("landing.title").asText());
        assertTrue(errors.get("fields[1].colour").asText().contains("max_length"),
                response.body());
        assertEquals(404, fixture.api("GET", "/api/v1/forms/nested-typos", null).statusCode());
    }

    @Test
    void nestedTypoInPatchChangesNothing() {
        long id = fixture.createForm(form("nested-patch")).get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"name\": \"Renamed\", \"spam\": {\"powBits\": 0}}");
        JsonNode form = Http.json(fixture.api("GET", "/api/v1/forms/" + id, null));

        assertEquals(422, response.statusCode(), response.body());
        assertEquals(Set.of("spam.powBits"), names(Http.json(response).get("errors")));
        assertEquals("Spring webinar", form.get("name").asText());
        assertEquals(12, form.get("spam").get("pow_bits").asInt());
        assertEquals(1, form.get("version").asInt());
    }

    @Test
    void formReadWithGetCanBePut() {
        long id = fixture.createForm(form("round-trip")).get("id").asLong();
        ObjectNode read = (ObjectNode) Http.json(fixture.api("GET", "/api/v1/forms/" + id,
                null));
        read.put("name", "Round trip");
        HttpResponse<String> put = fixture.api("PUT", "/api/v1/forms/" + id, read.toString());
        read.put("id", id + 1000).put("version", 2);
        HttpResponse<String> otherId = fixture.api("PUT", "/api/v1/forms/" + id,
                read.put("name", "Other").toString());

        assertEquals(200, put.statusCode(), put.body());
        assertEquals("Round trip", Http.json(put).get("name").asText());
        assertEquals(422, otherId.statusCode(), otherId.body());
        assertEquals(Set.of("id"), names(Http.json(otherId).get("errors")));
        assertEquals("Round trip", Http.json(fixture.api("GET", "/api/v1/forms/" + id, null))
                .get("name").asText());
    }

    @Test
    void formWithoutEmailFieldIsRejected() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/forms", """
                {"slug": "no-email", "name": "No email",
                 "fields": [{"name": "name", "type": "text"}]}""");
        assertEquals(422, response.statusCode());
        assertTrue(Http.json(response).get("errors").has("fields"));
    }

    @Test
    void emailFieldIsAlwaysRequired() {
        JsonNode created = fixture.createForm("""
                {"slug": "optional-email", "name": "Optional email",
                 "fields": [{"name": "email", "type": "email", "required": false}]}""");

        assertTrue(created.get("fields").get(0).get("required").asBoolean(), created.toString());
    }

    @Test
    void consentFieldNeedsConsentText() {
        HttpResponse<String> missing = fixture.api("POST", "/api/v1/forms",
                form("bare-consent").replace("\"consent_text\": \"Send me the webinar emails.\",",
                        ""));
        long id = fixture.createForm(form("cleared-consent")).get("id").asLong();
        HttpResponse<String> cleared = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"consent_text\": \"  \"}");

        assertEquals(422, missing.statusCode(), missing.body());
        assertTrue(Http.json(missing).get("errors").get("consent_text").asText()
                .contains("consent field needs the consent text"), missing.body());
        assertEquals(422, cleared.statusCode(), cleared.body());
        assertTrue(Http.json(cleared).get("errors").has("consent_text"), cleared.body());
        assertEquals(404, fixture.api("GET", "/api/v1/forms/bare-consent", null).statusCode());
        assertEquals("Send me the webinar emails.", Http.json(fixture.api("GET",
                "/api/v1/forms/" + id, null)).get("consent_text").asText());
    }

    @Test
    void patchChangingNothingKeepsVersion() {
        long id = fixture.createForm(form("unchanged")).get("id").asLong();

        HttpResponse<String> empty = fixture.api("PATCH", "/api/v1/forms/" + id, "{}");
        HttpResponse<String> same = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"name\": \"Spring webinar\"}");

        assertEquals(200, empty.statusCode(), empty.body());
        assertEquals(1, Http.json(empty).get("version").asInt(), empty.body());
        assertEquals(200, same.statusCode(), same.body());
        assertEquals(1, Http.json(same).get("version").asInt(), same.body());
    }

    @Test
    void unknownSequenceIsNamed() {
        HttpResponse<String> response = fixture.api("POST", "/api/v1/forms", """
                {"slug": "lost", "name": "Lost", "sequence_id": 999999,
                 "fields": [{"name": "email", "type": "email"}]}""");
        assertEquals(422, response.statusCode());
        assertTrue(Http.json(response).get("errors").has("sequence_id"));
    }

    @Test
    void takenSlugIsNamed() {
        fixture.createForm(form("taken"));
        HttpResponse<String> again = fixture.api("POST", "/api/v1/forms", form("taken"));
        assertEquals(422, again.statusCode());
        assertTrue(Http.json(again).get("errors").has("slug"));
    }

    @Test
    void patchRaisesVersionAndKeepsOldSnapshot() {
        long id = fixture.createForm(form("versioned")).get("id").asLong();
        HttpResponse<String> patched = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"name\": \"Autumn webinar\", \"spam\": {\"pow_bits\": 0}}");
        JsonNode form = Http.json(patched);

        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(2, form.get("version").asInt());
        assertEquals("Autumn webinar", form.get("name").asText());
        assertEquals(0, form.get("spam").get("pow_bits").asInt());
        assertEquals(4, form.get("spam").get("min_fill_seconds").asInt());
        JsonNode old = Http.json(fixture.api("GET", "/api/v1/forms/" + id + "/versions/1", null));
        assertEquals("Spring webinar", old.get("name").asText());
    }

    @Test
    void changedConsentTextRaisesConsentVersion() {
        long id = fixture.createForm(form("consent-text")).get("id").asLong();
        JsonNode form = Http.json(fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"consent_text\": \"Send me the webinar emails and the newsletter.\"}"));
        assertEquals(2, form.get("consent_version").asInt());
    }

    @Test
    void staleVersionGets409() {
        long id = fixture.createForm(form("stale")).get("id").asLong();
        fixture.api("PATCH", "/api/v1/forms/" + id, "{\"name\": \"First edit\"}");
        HttpResponse<String> stale = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"version\": 1, \"name\": \"Second edit\"}");
        assertEquals(409, stale.statusCode());
    }

    @Test
    void nonNumericVersionIsNamed() {
        long id = fixture.createForm(form("worded-version")).get("id").asLong();
        HttpResponse<String> response = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"version\": \"two\", \"name\": \"Edit\"}");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(Http.json(response).get("errors").get("version").asText()
                .contains("whole number"), response.body());
    }

    @Test
    void putReplacesWholeDefinition() {
        long id = fixture.createForm(form("replaced")).get("id").asLong();
        HttpResponse<String> put = fixture.api("PUT", "/api/v1/forms/" + id, """
                {"slug": "replaced", "name": "Plain",
                 "fields": [{"name": "email", "type": "email", "required": true}]}""");
        JsonNode form = Http.json(put);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(1, form.get("fields").size());
        assertFalse(form.get("double_opt_in").asBoolean());
    }

    @Test
    void archivedFormStopsAccepting() {
        long id = fixture.createForm(form("archived")).get("id").asLong();
        HttpResponse<String> archived = fixture.api("DELETE", "/api/v1/forms/" + id, null);
        assertEquals(200, archived.statusCode());
        assertEquals("archived", Http.json(archived).get("status").asText());
        assertEquals(404, fixture.http.get("/forms/archived.json").statusCode());
        assertEquals(404, fixture.http.postJson("/f/archived",
                "{\"email\": \"ann@example.com\"}").statusCode());

        HttpResponse<String> restored = fixture.api("PATCH", "/api/v1/forms/" + id,
                "{\"status\": \"active\"}");
        assertEquals("active", Http.json(restored).get("status").asText());
    }

    @Test
    void listShowsForms() {
        fixture.createForm(form("listed"));
        JsonNode data = Http.json(fixture.api("GET", "/api/v1/forms?status=active", null))
                .get("data");
        boolean found = false;
        for (JsonNode form : data) {
            found |= form.get("slug").asText().equals("listed");
        }
        assertTrue(found, data.toString());
    }

    @Test
    void formsApiNeedsToken() {
        HttpResponse<String> response = fixture.http.get("/api/v1/forms");
        assertEquals(401, response.statusCode());
    }

    @Test
    void publicDefinitionCarriesSpamContract() {
        long id = fixture.createForm(form("contract")).get("id").asLong();
        HttpResponse<String> response = fixture.http.get("/forms/contract.json");
        JsonNode definition = Http.json(response);

        assertEquals(200, response.statusCode());
        assertEquals("website", definition.get("honeypot").asText());
        String token = definition.get("render_token").asText();
        assertTrue(fixture.signer.verifyTimed(io.tendril.tracking.TokenSigner.Kind.RENDER, token)
                .map(t -> (t.id() & 0xFFFFFFFFL) == id).orElse(false), token);
        assertEquals(12, definition.get("pow").get("bits").asInt());
        assertEquals(token, definition.get("pow").get("challenge").asText());
        assertEquals("sha256", definition.get("pow").get("algorithm").asText());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(definition.has("sequence_id"));
    }

    @Test
    void hostedPageCarriesRenderTokenAndHoneypot() {
        fixture.createForm(form("hosted"));
        String html = fixture.http.get("/f/hosted?p=acme").body();
        assertTrue(html.contains("name=\"_render\" value=\""), html);
        assertTrue(html.contains("name=\"website\""), html);
        assertTrue(html.contains("name=\"partner\" value=\"acme\""), html);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
