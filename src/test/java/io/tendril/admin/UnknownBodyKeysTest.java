package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A misspelt key in a small request body (enroll, migrate, step preview and test send,
 * suppression import, token creation) is a 422 naming it, never a silent default.
 */
class UnknownBodyKeysTest {

    private static TestNode node;
    private static String token;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        token = node.apiToken();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> post(String path, String json) {
        return node.http().postJson(path, json, "Authorization", "Bearer " + token);
    }

    private static void assertNamed(HttpResponse<String> response, String key, String message) {
        assertEquals(422, response.statusCode(), response.body());
        assertEquals(message, Http.json(response).at("/error/details/fields/" + key).asText(),
                response.body());
    }

    @Test
    void enrollNamesUnknownKey() {
        assertNamed(post("/api/v1/sequences/1/enrollments", "{\"leadId\": 5}"), "leadId",
                "Unknown property; did you mean lead_id?");
    }

    @Test
    void exitNamesAnyKey() {
        HttpResponse<String> response = post("/api/v1/enrollments/1/exit",
                "{\"reason\": \"moved\"}");
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Unknown property: an exit takes no properties (its reason is always"
                + " 'api').", Http.json(response).at("/error/details/fields/reason").asText());
    }

    @Test
    void migrateNamesUnknownKey() {
        assertNamed(post("/api/v1/sequences/1/migrate", "{\"from\": 1}"), "from",
                "Unknown property. Known properties: from_version, position_map.");
    }

    @Test
    void stepPreviewNamesUnknownKeys() {
        assertNamed(post("/api/v1/steps/1/preview", "{\"lead\": 5}"), "lead",
                "Unknown property. Known properties: lead_id.");
        assertNamed(post("/api/v1/steps/1/test-send", "{\"to\": \"a@example.com\","
                + " \"lead_ID\": 5}"), "lead_ID", "Unknown property; did you mean lead_id?");
    }

    @Test
    void suppressionImportNamesUnknownKey() {
        assertNamed(post("/api/v1/suppressions", "{\"emails\": [\"kept@example.com\"],"
                + " \"reasons\": \"bounce\"}"), "reasons",
                "Unknown property; did you mean reason?");

        HttpResponse<String> list = node.http().get("/api/v1/suppressions",
                "Authorization", "Bearer " + token);
        assertEquals(0, Http.json(list).get("data").size(), list.body());
    }

    @Test
    void tokenCreationNamesUnknownKey() {
        String basic = Base64.getEncoder().encodeToString((TestNode.ADMIN_EMAIL + ":"
                + TestNode.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = node.http().send(node.http().request("/api/v1/tokens",
                "Authorization", "Basic " + basic, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\": \"reporting\"}")).build());

        assertNamed(response, "label", "Unknown property. Known properties: name.");
    }
}
