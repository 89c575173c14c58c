package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults that users of lead-capture products hit, as black-box checks on HTTP responses, the mail
 * that reaches the SMTP server and the database rows.
 */
class CaptureCasesTest {

    private static final String SHOP = "https://shop.example.com";
    private static CaptureFixture fixture;
    private static long leadsFormId;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
        leadsFormId = fixture.createForm("""
                {"slug": "leads", "name": "Leads", "sequence_id": %d,
                 "fields": [{"name": "email", "type": "email", "required": true},
                            {"name": "name", "type": "text"},
                            {"name": "company", "type": "text"}],
                 "allowed_origins": ["%s"],
                 "spam": {"ip_limit": 1000, "email_limit": 1000}}
                """.formatted(fixture.welcomeSequence(), SHOP)).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String render() {
        return fixture.renderToken(leadsFormId);
    }

    private HttpResponse<String> postJson(String json, String... headers) {
        return fixture.http.postJson("/f/leads", json, headers);
    }

    @Test
    void doubleClickedSubmitMakesOneLead() throws Exception {
        String body = "email=dana@example.com&name=Dana&_render=" + render();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return fixture.http.postForm("/f/leads", body, "Accept", "application/json");
            }));
        }
        start.countDown();

        for (CompletableFuture<HttpResponse<String>> post : posts) {
            HttpResponse<String> response = post.get();
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(1, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "dana@example.com"));
        assertEquals(1, fixture.count("SELECT count(*) FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email_key = ?", "dana@example.com"));
        assertEquals(2, fixture.count("SELECT count(*) FROM submissions s JOIN leads l"
                + " ON l.id = s.lead_id WHERE l.email_key = ?", "dana@example.com"));
        fixture.awaitEmailsTo("dana@example.com", 1);
        assertEquals(1, fixture.count("SELECT count(*) FROM messages m JOIN leads l"
                + " ON l.id = m.lead_id WHERE l.email_key = ?", "dana@example.com"));
    }

    @Test
    void browserFormPostRedirectsToThanks() {
        HttpResponse<String> response = fixture.http.postForm("/f/leads",
                "email=erin@example.com&_render=" + render(), "Accept", "text/html,*/*");
        assertEquals(303, response.statusCode());
        assertEquals("/f/leads/thanks", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void caseAndWhitespaceDedupe() throws Exception {
        HttpResponse<String> first = postJson("{\"email\": \" Alice.Smith@Example.COM \","
                + " \"name\": \"Alice\", \"_render\": \"" + render() + "\"}");
        HttpResponse<String> second = postJson("{\"email\": \"alice.smith@example.com\","
                + " \"_render\": \"" + render() + "\"}");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(first.body(), second.body());
        assertEquals(1, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "alice.smith@example.com"));
        assertEquals("alice.smith@example.com", fixture.string(
                "SELECT email FROM leads WHERE email_key = ?", "alice.smith@example.com"));
        assertEquals("Alice", fixture.string("SELECT name FROM leads WHERE email_key = ?",
                "alice.smith@example.com"));
        assertEquals(1, fixture.count("SELECT count(*) FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email_key = ?", "alice.smith@example.com"));
        fixture.awaitEmailsTo("alice.smith@example.com", 1);
    }

    @Test
    void overLongValuesAreNamed() {
        String body = "email=carl@example.com&name=" + "n".repeat(10_000) + "&company="
                + "c".repeat(300) + "&_render=" + render();
        HttpResponse<String> response = fixture.http.postForm("/f/leads", body,
                "Accept", "application/json");
        JsonNode errors = Http.json(response).get("errors");

        assertEquals(422, response.statusCode());
        assertTrue(errors.get("name").asText().contains("10000"), errors.toString());
        assertTrue(errors.get("company").asText().contains("300"), errors.toString());
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "carl@example.com"));
        assertEquals(0, fixture.count("SELECT count(*) FROM submissions WHERE payload->>'email'"
                + " = ?", "carl@example.com"));
    }

    @Test
    void valuesOf255AreKeptUnchanged() {
        String name = "Ä".repeat(255);
        HttpResponse<String> response = fixture.http.postForm("/f/leads",
                "email=cleo@example.com&name=" + encode(name) + "&company=" + "c".repeat(255)
                        + "&_render=" + render(), "Accept", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(name, fixture.string("SELECT name FROM leads WHERE email_key = ?",
                "cleo@example.com"));
        assertEquals("c".repeat(255), fixture.string(
                "SELECT company FROM leads WHERE email_key = ?", "cleo@example.com"));
    }

    @Test
    void honeypotLooksLikeSuccess() {
        HttpResponse<String> bot = postJson("{\"email\": \"bot@example.com\", \"website\":"
                + " \"http://spam.example\", \"_render\": \"" + render() + "\"}");
        HttpResponse<String> person = postJson("{\"email\": \"pat@example.com\","
                + " \"_render\": \"" + render() + "\"}");

        assertEquals(person.statusCode(), bot.statusCode());
        assertEquals(person.body(), bot.body());
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "bot@example.com"));
        assertEquals(1, fixture.count("SELECT count(*) FROM submissions WHERE status ="
                + " 'quarantined' AND spam_reason = 'honeypot' AND payload->'email'->>0 = ?",
                "bot@example.com"));
    }

    @Test
    void reviewerCanReleaseQuarantined() {
        postJson("{\"email\": \"held@example.com\", \"name\": \"Hal\"}");
        JsonNode heldRow = null;
        for (JsonNode row : Http.json(fixture.api("GET", "/api/v1/forms/leads/quarantine",
                null)).get("data")) {
            if (row.get("values").get("email").get(0).asText().equals("held@example.com")) {
                heldRow = row;
            }
        }
        assertNotNull(heldRow);
        assertEquals("render_token_missing", heldRow.get("spam_reason").asText());

        HttpResponse<String> released = fixture.api("POST", "/api/v1/forms/leads/quarantine/"
                + heldRow.get("id").asLong() + "/release", null);
        assertEquals(200, released.statusCode(), released.body());
        assertEquals("Hal", fixture.string("SELECT name FROM leads WHERE email_key = ?",
                "held@example.com"));
        HttpResponse<String> again = fixture.api("POST", "/api/v1/forms/leads/quarantine/"
                + heldRow.get("id").asLong() + "/release", null);
        assertEquals(404, again.statusCode());
    }

    @Test
    void missingRenderTokenIsQuarantined() {
        HttpResponse<String> response = postJson("{\"email\": \"quick@example.com\"}");
        assertEquals(200, response.statusCode());
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "quick@example.com"));
        assertEquals("render_token_missing", fixture.string("SELECT spam_reason FROM submissions"
                + " WHERE payload->'email'->>0 = ?", "quick@example.com"));
    }

    @Test
    void tooFastSubmissionIsQuarantined() {
        String fresh = Http.json(fixture.http.get("/forms/leads.json"))
                .get("render_token").asText();
        HttpResponse<String> response = postJson("{\"email\": \"fast@example.com\","
                + " \"_render\": \"" + fresh + "\"}");
        assertEquals(200, response.statusCode());
        assertEquals("too_fast", fixture.string("SELECT spam_reason FROM submissions"
                + " WHERE payload->'email'->>0 = ?", "fast@example.com"));
    }

    @Test
    void forgedRenderTokenIsQuarantined() {
        String other = fixture.renderToken(leadsFormId + 1000);
        postJson("{\"email\": \"forger@example.com\", \"_render\": \"" + other + "\"}");
        assertEquals("render_token_invalid", fixture.string("SELECT spam_reason FROM submissions"
                + " WHERE payload->'email'->>0 = ?", "forger@example.com"));
    }

    @Test
    void ipLimitAnswers429WithoutMail() throws Exception {
        long formId = fixture.createForm("""
                {"slug": "limited", "name": "Limited", "double_opt_in": true,
                 "sequence_id": %d,
                 "fields": [{"name": "email", "type": "email", "required": true}],
                 "spam": {"ip_limit": 10, "ip_limit_seconds": 3600}}
                """.formatted(fixture.welcomeSequence())).get("id").asLong();
        String token = fixture.renderToken(formId);
        List<String> accepted = new ArrayList<>();
        Set<String> rejected = new HashSet<>();
        String retryAfter = null;
        for (int i = 0; i < 30; i++) {
            String email = "random" + i + "-" + System.nanoTime() + "@example.net";
            HttpResponse<String> response = fixture.http.postJson("/f/limited",
                    "{\"email\": \"" + email + "\", \"_render\": \"" + token + "\"}");
            if (response.statusCode() == 429) {
                rejected.add(email);
                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            } else {
                assertEquals(200, response.statusCode(), response.body());
                accepted.add(email);
            }
        }

        assertEquals(10, accepted.size());
        assertEquals(20, rejected.size());
        assertNotNull(retryAfter);
        assertTrue(Long.parseLong(retryAfter) >= 1, retryAfter);
        for (String email : accepted) {
            fixture.awaitEmailsTo(email, 1);
        }
        for (String email : rejected) {
            assertEquals(0, fixture.emailsTo(email).size(), email);
        }
        assertEquals(10, fixture.count("SELECT count(*) FROM consents WHERE form_id = ?",
                formId));
    }

    @Test
    void allowedOriginGetsCorsOnEveryAnswer() {
        HttpResponse<String> preflight = fixture.http.send(fixture.http.request("/f/leads",
                        "Origin", SHOP, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, preflight.statusCode());
        assertEquals(SHOP, preflight.headers().firstValue("Access-Control-Allow-Origin")
                .orElse(null));

        String good = "{\"email\": \"cors@example.com\", \"_render\": \"" + render() + "\"}";
        List<HttpResponse<String>> answers = List.of(
                postJson(good, "Origin", SHOP),
                postJson(good, "Origin", SHOP),
                postJson("{\"email\": \"not-an-email\", \"_render\": \"" + render() + "\"}",
                        "Origin", SHOP));
        int[] statuses = {200, 200, 422};
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i);
            assertEquals(statuses[i], answer.statusCode(), answer.body());
            assertEquals(SHOP, answer.headers().firstValue("Access-Control-Allow-Origin")
                    .orElse(null));
            assertTrue(answer.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/json"));
            assertTrue(answer.headers().firstValue("Location").isEmpty());
            assertTrue(answer.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
            assertTrue(answer.headers().firstValue("Set-Cookie").isEmpty());
        }
        assertTrue(Http.json(answers.get(2)).get("errors").has("email"));
    }

    @Test
    void oversizedAndLimitedKeepCors() {
        HttpResponse<String> big = postJson("{\"email\": \"big@example.com\", \"name\": \""
                + "x".repeat(70_000) + "\"}", "Origin", SHOP);
        assertEquals(413, big.statusCode());
        assertEquals(SHOP, big.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        fixture.createForm("""
                {"slug": "tight", "name": "Tight", "allowed_origins": ["%s"],
                 "fields": [{"name": "email", "type": "email", "required": true}],
                 "spam": {"ip_limit": 1, "ip_limit_seconds": 3600}}
                """.formatted(SHOP));
        fixture.http.postJson("/f/tight", "{\"email\": \"t1@example.com\"}", "Origin", SHOP);
        HttpResponse<String> limited = fixture.http.postJson("/f/tight",
                "{\"email\": \"t2@example.com\"}", "Origin", SHOP);
        assertEquals(429, limited.statusCode());
        assertEquals(SHOP, limited.headers().firstValue("Access-Control-Allow-Origin")
                .orElse(null));
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void disallowedOriginGetsNoCors() {
        HttpResponse<String> preflight = fixture.http.send(fixture.http.request("/f/leads",
                        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> post = postJson("{\"email\": \"evil@example.com\", \"_render\": \""
                + render() + "\"}", "Origin", "https://evil.example");
        HttpResponse<String> invalid = postJson("{\"email\": \"x\"}", "Origin",
                "https://evil.example");

        for (HttpResponse<String> answer : List.of(preflight, post, invalid)) {
            assertEquals(403, answer.statusCode());
            assertFalse(answer.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        }
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "evil@example.com"));
    }
}
