package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing and revoking API tokens over real HTTP and PostgreSQL. */
class ApiTokensTest {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> call(String method, String path, String token) {
        return node.http().send(node.http().request(path, "Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode listed(String token, long id) {
        for (JsonNode item : Http.json(call("GET", "/api/v1/tokens", token)).get("data")) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("token " + id + " not listed");
    }

    @Test
    void revokedTokenStopsWorking() {
        String keeper = node.apiToken();
        String leaked = node.apiToken();
        assertEquals(200, call("GET", "/api/v1/leads", leaked).statusCode());

        HttpResponse<String> list = call("GET", "/api/v1/tokens", keeper);
        assertEquals(200, list.statusCode(), list.body());
        assertFalse(list.body().contains(leaked), "a listing must never show a token");
        long leakedId = Http.json(list).get("data").get(0).get("id").asLong();
        JsonNode before = listed(keeper, leakedId);
        assertTrue(before.get("revoked_at").isNull(), before.toString());
        assertFalse(before.get("last_used_at").isNull(), before.toString());

        assertEquals(204, call("DELETE", "/api/v1/tokens/" + leakedId, keeper).statusCode());
        assertEquals(204, call("DELETE", "/api/v1/tokens/" + leakedId, keeper).statusCode());

        assertEquals(401, call("GET", "/api/v1/leads", leaked).statusCode());
        assertEquals(200, call("GET", "/api/v1/leads", keeper).statusCode());
        assertFalse(listed(keeper, leakedId).get("revoked_at").isNull());
    }

    @Test
    void unknownTokenIdIsNotFound() {
        String token = node.apiToken();

        assertEquals(404, call("DELETE", "/api/v1/tokens/999999", token).statusCode());
        assertEquals(404, call("DELETE", "/api/v1/tokens/abc", token).statusCode());
    }

    @Test
    void tokenListNeedsToken() {
        assertEquals(401, call("GET", "/api/v1/tokens", "tdl_not-a-token").statusCode());
    }
}
