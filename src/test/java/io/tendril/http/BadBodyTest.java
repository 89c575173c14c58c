package io.tendril.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies the API rejects: a repeated JSON key is a 400 that names it and changes
 * nothing, and a body over the server's limit is a 413 that names the limit.
 */
class BadBodyTest {

    private static TestNode node;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        jdbi = node.tendril().database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void captureRejectsRepeatedEmail() {
        HttpResponse<String> response = node.http().postJson("/f/demo",
                "{\"email\": \"first@example.com\", \"consent\": true,"
                        + " \"email\": \"second@example.com\"}");

        assertEquals(400, response.statusCode(), response.body());
        String message = Http.json(response).at("/error/message").asText();
        assertTrue(message.contains("Duplicate field 'email'"), message);
        assertTrue(message.contains("line 1"), message);
        assertEquals(0, count("SELECT count(*) FROM leads WHERE email IN"
                + " ('first@example.com', 'second@example.com')"));
    }

    @Test
    void leadChangeRejectsRepeatedStage() {
        node.http().postJson("/f/demo", "{\"email\": \"stage@example.com\", \"consent\": true}");
        long leadId = count("SELECT id FROM leads WHERE email = 'stage@example.com'");
        HttpRequest request = node.http().request("/api/v1/leads/" + leadId, "Authorization",
                "Bearer " + node.apiToken(), "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"stage\": \"mql\", \"stage\": \"customer\"}"))
                .build();

        HttpResponse<String> response = node.http().send(request);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(Http.json(response).at("/error/message").asText()
                .contains("Duplicate field 'stage'"), response.body());
        assertEquals(0, count("SELECT count(*) FROM leads WHERE id = " + leadId
                + " AND stage IN ('mql', 'customer')"));
    }

    @Test
    void oversizedApiBodyNamesLimit() {
        String body = "{\"key\": \"" + "x".repeat(ErrorMapper.MAX_BODY_BYTES) + "\"}";

        HttpResponse<String> response = node.http().postJson("/api/v1/sequences", body,
                "Authorization", "Bearer " + node.apiToken());

        assertEquals(413, response.statusCode(), response.body());
        assertTrue(Http.json(response).at("/error/message").asText()
                .contains("larger than 1,048,576 bytes"), response.body());
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
