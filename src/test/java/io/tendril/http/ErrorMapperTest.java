package io.tendril.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.tendril.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Error pages of a section, and the public page when the section's own page fails. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorMapperTest {

    private Javalin server;
    private Http http;

    @BeforeAll
    void start() {
        server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.routes.before("/good/*", ctx -> ErrorMapper.useSectionPage(ctx,
                    (c, status, message) -> "<p>section " + status + ": " + message + "</p>"));
            javalin.routes.before("/broken/*", ctx -> ErrorMapper.useSectionPage(ctx,
                    (c, status, message) -> {
                        throw new IllegalStateException("session store unavailable");
                    }));
            ErrorMapper.install(javalin.routes, new Pages());
        }).start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void sectionPageIgnoresAccept() {
        HttpResponse<String> response = http.get("/good/missing", "Accept", "application/json");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/html"));
        assertEquals("<p>section 404: Page /good/missing not found.</p>", response.body());
    }

    @Test
    void failingSectionPageFallsBack() {
        HttpResponse<String> response = http.get("/broken/missing");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/html"));
        assertTrue(response.body().contains("<h1>Page not found</h1>"), response.body());
        assertTrue(response.body().contains("Page /broken/missing not found."), response.body());
    }
}
