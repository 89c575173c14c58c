package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/leads filtered by status, stage and tag, paged with filtered next links. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadListFilterTest {

    private TestNode node;
    private String token;
    private final List<Long> vips = new ArrayList<>();

    @BeforeAll
    void start() {
        node = TestNode.start();
        token = node.apiToken();
        for (int i = 0; i < 7; i++) {
            String email = "filter" + i + "@example.com";
            HttpResponse<String> signUp = node.http().postJson("/f/demo",
                    "{\"email\": \"" + email + "\", \"consent\": true}");
            assertEquals(200, signUp.statusCode(), signUp.body());
            long id = Http.json(get("/api/v1/leads?email=" + email)).get("data").get(0)
                    .get("id").asLong();
            // Leads 0, 2, 4 and 6 are VIPs at stage sql, 1 and 3 VIPs at stage mql, and 5 is
            // neither.
            if (i != 5) {
                String stage = i % 2 == 0 ? "sql" : "mql";
                assertEquals(200, patch(id, "{\"stage\": \"" + stage + "\","
                        + " \"add_tags\": [\"vip\"]}").statusCode());
                if (i % 2 == 0) {
                    vips.add(id);
                }
            }
        }
        vips.sort((a, b) -> Long.compare(b, a));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private HttpResponse<String> get(String path) {
        return node.http().get(path, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> patch(long id, String body) {
        return node.http().send(node.http().request("/api/v1/leads/" + id, "Authorization",
                "Bearer " + token, "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void nextLinksKeepTheFilters() {
        List<Long> ids = new ArrayList<>();
        List<String> links = new ArrayList<>();
        String next = "/api/v1/leads?limit=3&stage=sql&tag=vip&status=active";
        while (next != null) {
            HttpResponse<String> response = get(next);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = Http.json(response);
            body.get("data").forEach(lead -> ids.add(lead.get("id").asLong()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            if (next != null) {
                links.add(next);
            }
        }

        assertEquals(vips, ids);
        assertEquals(1, links.size(), links.toString());
        assertTrue(links.get(0).contains("status=active"), links.get(0));
        assertTrue(links.get(0).contains("stage=sql"), links.get(0));
        assertTrue(links.get(0).contains("tag=vip"), links.get(0));
    }

    @Test
    void eachFilterNarrowsTheList() {
        assertEquals(6, Http.json(get("/api/v1/leads?tag=vip")).get("data").size());
        assertEquals(2, Http.json(get("/api/v1/leads?stage=mql")).get("data").size());
        assertEquals(0, Http.json(get("/api/v1/leads?status=pending")).get("data").size());
        assertEquals(7, Http.json(get("/api/v1/leads?status=active")).get("data").size());
        assertEquals(7, Http.json(get("/api/v1/leads?status=&stage=&tag=")).get("data").size());
    }

    @Test
    void emailLookupHonoursFilters() {
        assertEquals(1, Http.json(get("/api/v1/leads?email=filter0@example.com&stage=sql"))
                .get("data").size());
        assertEquals(0, Http.json(get("/api/v1/leads?email=filter0@example.com&stage=mql"))
                .get("data").size());
    }

    @Test
    void unknownParameterIsNamed() {
        HttpResponse<String> response = get("/api/v1/leads?stage=sql&tags=vip");
        JsonNode error = Http.json(response).get("error");

        assertEquals(400, response.statusCode());
        assertEquals("unknown_parameter", error.get("code").asText());
        assertEquals("tags", error.get("details").get("parameter").asText());
        assertTrue(error.get("message").asText().contains("'tags'"), response.body());
        assertTrue(error.get("message").asText().contains("email, status, stage, tag, before,"
                + " limit"), response.body());
        assertEquals(6, error.get("details").get("accepted").size());
    }

    @Test
    void invalidFilterValueIsNamed() {
        HttpResponse<String> status = get("/api/v1/leads?status=gone");
        HttpResponse<String> stage = get("/api/v1/leads?stage=Not%20A%20Stage");

        assertEquals(422, status.statusCode());
        assertTrue(Http.json(status).get("errors").has("status"), status.body());
        assertEquals(422, stage.statusCode());
        assertTrue(Http.json(stage).get("errors").has("stage"), stage.body());
    }
}
