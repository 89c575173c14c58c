package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging through every lead with the next links of GET /api/v1/leads. */
class LeadPagingTest {

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

    private static HttpResponse<String> get(String path) {
        return node.http().get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void nextLinksVisitEveryLeadOnce() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> signUp = node.http().postJson("/f/demo",
                    "{\"email\": \"page" + i + "@example.com\", \"consent\": true}");
            assertEquals(200, signUp.statusCode(), signUp.body());
        }
        int total = Http.json(get("/api/v1/leads?limit=500")).get("data").size();

        List<Long> ids = new ArrayList<>();
        String next = "/api/v1/leads?limit=2";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> response = get(next);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = Http.json(response);
            body.get("data").forEach(lead -> ids.add(lead.get("id").asLong()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            pages++;
        }

        assertEquals(total, ids.size());
        assertEquals(ids.stream().distinct().count(), ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) < ids.get(i - 1), "newest first: " + ids);
        }
        assertEquals(total / 2 + 1, pages);
    }

    @Test
    void badCursorIsNamed() {
        HttpResponse<String> response = get("/api/v1/leads?before=abc");

        assertEquals(422, response.statusCode());
        assertTrue(Http.json(response).get("errors").has("before"), response.body());
    }
}
