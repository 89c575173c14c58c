package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.TestNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Repeated wrong passwords lock the address for its window: the next attempt gets a 429 with
 * Retry-After even with the right password, on the API and on the login page alike.
 */
class LoginThrottleTest {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> basic(String email, String password) {
        String credentials = Base64.getEncoder().encodeToString((email + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return node.http().send(node.http().request("/api/v1/tokens", "Authorization",
                "Basic " + credentials).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void wrongPasswordsLockAddress() {
        for (int i = 0; i < AuthService.MAX_FAILURES_PER_CLIENT; i++) {
            assertEquals(401, basic(TestNode.ADMIN_EMAIL, "guess " + i).statusCode());
        }

        HttpResponse<String> locked = basic(TestNode.ADMIN_EMAIL, "guess again");
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, basic(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD).statusCode());
        assertEquals(429, basic(" Admin@Example.com ", TestNode.ADMIN_PASSWORD).statusCode());

        String form = "email=" + URLEncoder.encode(TestNode.ADMIN_EMAIL, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(TestNode.ADMIN_PASSWORD,
                        StandardCharsets.UTF_8);
        HttpResponse<String> page = node.http().postForm("/admin/login", form);
        assertEquals(429, page.statusCode());
        assertTrue(page.body().contains("Too many failed sign-ins"), page.body());
        assertEquals(401, basic("someone@example.com", "x").statusCode(),
                "other addresses are not locked");
    }
}
