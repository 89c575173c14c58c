package io.tendril.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tendril.http.Json;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over real HTTP: a sign-up reaches a receiver on loopback as a signed POST, a failed
 * attempt is retried with the same delivery id, an inactive webhook gets nothing, and bad
 * settings get a 422 naming each value.
 */
class WebhookTest {

    /** A POST the receiver got. */
    private record Received(Map<String, String> headers, String body) {
    }

    private static TestNode node;
    private static Jdbi jdbi;
    private static String token;
    private static HttpServer receiver;
    private static final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8);
            received.add(new Received(Map.of(
                    "event", exchange.getRequestHeaders().getFirst("Tendril-Event"),
                    "delivery", exchange.getRequestHeaders().getFirst("Tendril-Delivery"),
                    "signature", exchange.getRequestHeaders().getFirst("Tendril-Signature")),
                    body));
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
        node = TestNode.start();
        jdbi = node.tendril().database().jdbi();
        token = node.apiToken();
    }

    @AfterAll
    static void stop() {
        node.close();
        receiver.stop(0);
    }

    private static HttpResponse<String> call(String method, String path, String json) {
        return node.http().send(node.http().request(path, "Authorization", "Bearer " + token,
                "Content-Type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static JsonNode createWebhook(String events) {
        HttpResponse<String> response = call("POST", "/api/v1/webhooks", "{\"url\":"
                + " \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\","
                + " \"events\": " + events + "}");
        assertEquals(201, response.statusCode(), response.body());
        return Http.json(response);
    }

    private static Received next() throws InterruptedException {
        Received post = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(post, "no webhook POST arrived");
        return post;
    }

    @Test
    void signUpIsPostedSignedAndRetried() throws Exception {
        JsonNode webhook = createWebhook("[\"submit\"]");
        String secret = webhook.get("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);
        statuses.add(500);

        assertEquals(200, node.http().postJson("/f/demo", "{\"email\": \"hook@example.com\","
                + " \"name\": \"Hu\", \"consent\": true}").statusCode());

        Received first = next();
        assertEquals("submit", first.headers().get("event"));
        JsonNode payload = Json.read(first.body(), JsonNode.class);
        assertEquals("hook@example.com", payload.at("/lead/email").asText());
        assertEquals("submit", payload.at("/event/type").asText());
        String[] signature = first.headers().get("signature").split(",");
        String timestamp = signature[0].substring(2);
        assertEquals("v1=" + WebhookSender.sign(secret, timestamp + "." + first.body()),
                signature[1]);

        String deliveries = "/api/v1/webhooks/" + webhook.get("id").asLong() + "/deliveries";
        JsonNode failed = Http.json(call("GET", deliveries, null)).get("data").get(0);
        for (int i = 0; i < 50 && failed.get("error").isNull(); i++) {
            Thread.sleep(100);
            failed = Http.json(call("GET", deliveries, null)).get("data").get(0);
        }
        assertEquals("pending", failed.get("status").asText());
        assertEquals("HTTP 500", failed.get("error").asText());
        jdbi.useHandle(h -> h.execute("UPDATE webhook_deliveries SET next_attempt_at = now()"));

        Received retry = next();
        assertEquals(first.headers().get("delivery"), retry.headers().get("delivery"));
        JsonNode delivered = Http.json(call("GET", deliveries, null)).get("data").get(0);
        for (int i = 0; i < 50 && !delivered.get("status").asText().equals("delivered"); i++) {
            Thread.sleep(100);
            delivered = Http.json(call("GET", deliveries, null)).get("data").get(0);
        }
        assertEquals("delivered", delivered.get("status").asText());
        assertEquals(2, delivered.get("attempts").asInt());
        assertEquals(1, Http.json(call("GET", deliveries, null)).get("data").size(),
                "the sign-up's other events are not subscribed");

        assertEquals(204, call("DELETE", "/api/v1/webhooks/" + webhook.get("id").asLong(),
                null).statusCode());
    }

    @Test
    void inactiveWebhookGetsNothing() {
        JsonNode webhook = createWebhook("[\"*\"]");
        long id = webhook.get("id").asLong();
        HttpResponse<String> patched = call("PATCH", "/api/v1/webhooks/" + id,
                "{\"active\": false}");
        assertEquals(200, patched.statusCode(), patched.body());

        assertEquals(200, node.http().postJson("/f/demo", "{\"email\": \"quiet@example.com\","
                + " \"consent\": true}").statusCode());

        assertEquals(0, Http.json(call("GET", "/api/v1/webhooks/" + id + "/deliveries", null))
                .get("data").size());
        assertEquals(204, call("DELETE", "/api/v1/webhooks/" + id, null).statusCode());
        assertEquals(404, call("GET", "/api/v1/webhooks/" + id, null).statusCode());
    }

    @Test
    void secretRotatesOnlyOnRequest() {
        JsonNode webhook = createWebhook("[\"stage\"]");
        String path = "/api/v1/webhooks/" + webhook.get("id").asLong();

        HttpResponse<String> patched = call("PATCH", path, "{\"secret\": \"mine\"}");
        assertEquals(422, patched.statusCode(), patched.body());
        HttpResponse<String> rotated = call("POST", path + "/secret", null);
        assertEquals(200, rotated.statusCode(), rotated.body());

        String fresh = Http.json(rotated).get("secret").asText();
        assertTrue(fresh.startsWith("whsec_"), fresh);
        assertTrue(!fresh.equals(webhook.get("secret").asText()));
        assertEquals(fresh, Http.json(call("GET", path, null)).get("secret").asText());
        assertEquals(200, call("PATCH", path, "{\"secret\": \"" + fresh + "\"}")
                .statusCode(), "the current secret may be sent back");
        assertEquals(204, call("DELETE", path, null).statusCode());
    }

    @Test
    void badSettingsAreNamed() {
        HttpResponse<String> response = call("POST", "/api/v1/webhooks", "{\"url\":"
                + " \"ftp://files.example.com/in\", \"events\": [\"opened\"], \"secret\": \"x\"}");
        assertEquals(422, response.statusCode());
        JsonNode fields = Http.json(response).at("/error/details/fields");

        assertEquals("Must be an https:// (or http://) URL; got 'ftp://files.example.com/in'.",
                fields.get("url").asText());
        assertTrue(fields.get("events[0]").asText().startsWith("'opened' is not an event type"),
                fields.toString());
        assertTrue(fields.has("secret"), fields.toString());
        assertEquals(401, node.http().get("/api/v1/webhooks").statusCode());
    }
}
