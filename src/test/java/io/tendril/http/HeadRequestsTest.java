package io.tendril.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A HEAD request gets the status and headers that a GET of the same URL gets, and no body. */
class HeadRequestsTest {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> head(String path) {
        return node.http().send(node.http().request(path)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void headMatchesGet() {
        for (String path : List.of("/f/demo", "/f/no-such-form", "/widget.js", "/admin/leads",
                "/api/v1/leads", "/api/v1/tokens", "/health", "/no-such-page")) {
            HttpResponse<String> get = node.http().get(path);
            HttpResponse<String> head = head(path);

            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals(get.headers().firstValue("Content-Type"),
                    head.headers().firstValue("Content-Type"), path);
            assertEquals(get.headers().firstValue("Location"),
                    head.headers().firstValue("Location"), path);
            assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"),
                    path);
            assertEquals("", head.body(), path);
        }
    }
}
