package io.tendril.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suppression list round-trips through CSV: an export imports again with each row's
 * reason, and an unknown reason names its line and adds nothing.
 */
class SuppressionCsvTest {

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

    private static HttpResponse<String> importCsv(String csv) {
        return node.http().send(node.http().request("/api/v1/suppressions", "Authorization",
                "Bearer " + token, "Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    private static String exported() {
        return node.http().get("/api/v1/suppressions?format=csv", "Authorization",
                "Bearer " + token).body();
    }

    @Test
    void exportImportsWithReasons() {
        HttpResponse<String> response = importCsv("email,reason,source,created_at\r\n"
                + "hard@example.com,bounce,import,2026-01-02T00:00:00Z\r\n"
                + "spam@example.com,complaint,import,2026-01-02T00:00:00Z\r\n"
                + "plain@example.com,,import,2026-01-02T00:00:00Z\r\n");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, Http.json(response).get("added").asInt());

        String csv = exported();
        assertTrue(csv.contains("hard@example.com,bounce,import,"), csv);
        assertTrue(csv.contains("spam@example.com,complaint,import,"), csv);
        assertTrue(csv.contains("plain@example.com,manual,import,"), csv);
    }

    @Test
    void unknownReasonNamesLine() {
        HttpResponse<String> response = importCsv("email,reason\nok@example.com,bounce\n"
                + "typo@example.com,bounced\n");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(Http.json(response).at("/error/details/fields/line 3").asText()
                .startsWith("'bounced' is not one of"), response.body());
        assertTrue(!exported().contains("ok@example.com"), "nothing is added");
    }
}
