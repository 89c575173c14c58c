package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What embedding pages rely on over HTTP: widget caching, CORS on the GET paths, the page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedHttpTest {

    private static final String ALLOWED = "https://www.acme.example";
    private static final String OTHER = "https://evil.example";

    private TestNode node;
    private Http http;

    @BeforeAll
    void start() {
        node = TestNode.start();
        http = node.http();
        TourForm.create(node, node.apiToken(), ALLOWED);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void widgetRevalidatesWithEtag() {
        HttpResponse<String> first = http.get("/widget.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.get("/widget.js", "If-None-Match", "W/" + etag);

        assertEquals(200, first.statusCode());
        assertEquals(Optional.of("text/javascript; charset=utf-8"),
                first.headers().firstValue("Content-Type"));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(Optional.of(etag), again.headers().firstValue("ETag"));
    }

    @Test
    void pinnedWidgetIsImmutable() {
        String hash = http.get("/widget.js").headers().firstValue("ETag").orElseThrow()
                .replace("\"", "");
        HttpResponse<String> pinned = http.get("/widget.js?v=" + hash);

        assertEquals(Optional.of("public, max-age=31536000, immutable"),
                pinned.headers().firstValue("Cache-Control"));
    }

    @Test
    void definitionAllowsOnlyAllowedOrigins() {
        HttpResponse<String> allowed = http.get("/forms/tour.json", "Origin", ALLOWED);
        HttpResponse<String> other = http.get("/forms/tour.json", "Origin", OTHER);

        assertEquals(Optional.of(ALLOWED),
                allowed.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), other.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(),
                allowed.headers().firstValue("Access-Control-Allow-Credentials"));
        assertTrue(allowed.headers().allValues("Vary").contains("Origin"));
    }

    @Test
    void definitionPreflightIsAnswered() {
        HttpResponse<String> allowed = preflight("/forms/tour.json", ALLOWED, "GET");
        HttpResponse<String> other = preflight("/forms/tour.json", OTHER, "GET");

        assertEquals(204, allowed.statusCode());
        assertEquals(Optional.of(ALLOWED),
                allowed.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(403, other.statusCode());
        assertEquals(Optional.empty(), other.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void unknownDefinitionIsReadableCrossOrigin() {
        HttpResponse<String> missing = http.get("/forms/no-such-form.json", "Origin", OTHER);
        HttpResponse<String> preflight = preflight("/forms/no-such-form.json", OTHER, "GET");

        assertEquals(404, missing.statusCode());
        assertEquals("not_found", Http.json(missing).get("error").get("code").asText());
        assertEquals(Optional.of(OTHER),
                missing.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(missing.headers().allValues("Vary").contains("Origin"));
        assertEquals(Optional.empty(),
                missing.headers().firstValue("Access-Control-Allow-Credentials"));
        assertEquals(204, preflight.statusCode());
        assertEquals(Optional.of(OTHER),
                preflight.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void unknownFormPostIsReadableCrossOrigin() {
        HttpResponse<String> preflight = preflight("/f/no-such-form", OTHER, "POST");
        HttpResponse<String> post = http.postJson("/f/no-such-form",
                "{\"email\": \"ann@example.com\"}", "Origin", OTHER);

        assertEquals(204, preflight.statusCode());
        assertEquals(Optional.of(OTHER),
                preflight.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(404, post.statusCode());
        assertEquals(Optional.of(OTHER), post.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void hostedPagePreflightIsAnswered() {
        HttpResponse<String> allowed = preflight("/f/tour", ALLOWED, "POST");

        assertEquals(204, allowed.statusCode());
        assertEquals(Optional.of(ALLOWED),
                allowed.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(),
                allowed.headers().firstValue("Access-Control-Allow-Credentials"));
    }

    @Test
    void hostedPageSetsCorsForAllowedOrigin() {
        HttpResponse<String> allowed = http.get("/f/tour", "Origin", ALLOWED);
        HttpResponse<String> other = http.get("/f/tour", "Origin", OTHER);

        assertEquals(Optional.of(ALLOWED),
                allowed.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), other.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void landingPageCarriesOpenGraphAndUtm() {
        String page = http.get("/f/tour?utm_source=ad&utm_campaign=spring&gclid=G-7&partner=acme",
                "Referer", "https://search.example/q").body();

        assertTrue(page.contains("<meta property=\"og:title\" content=\"Meet the team in"
                + " spring\">"), page);
        assertTrue(page.contains("property=\"og:description\" content=\"Walk through the"
                + " product"), page);
        assertTrue(page.contains("name=\"utm_source\" value=\"ad\""), page);
        assertTrue(page.contains("name=\"gclid\" value=\"G-7\""), page);
        assertTrue(page.contains("name=\"partner\" value=\"acme\""), page);
        assertTrue(page.contains("name=\"referrer\" value=\"https://search.example/q\""), page);
        assertEquals(http.baseUrl() + "/f/tour?utm_source=ad&utm_campaign=spring&gclid=G-7"
                + "&partner=acme", Jsoup.parse(page).selectFirst("input[name=page_url]")
                .attr("value"));
        assertFalse(page.contains("src=\"http"), "the page loads nothing from elsewhere");
    }

    @Test
    void landingBodyDropsScripts() {
        String body = "{\"landing\": {\"headline\": \"Hi\", \"body\":"
                + " \"<p onclick=alert(1)>Hello <script>alert(2)</script><b>there</b></p>\"}}";
        TourForm.create(node, node.apiToken(), ALLOWED, "scripted");
        HttpResponse<String> patched = http.send(http.request("/api/v1/forms/scripted",
                "Authorization", "Bearer " + node.apiToken(), "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
        String page = http.get("/f/scripted").body();

        assertEquals(200, patched.statusCode(), patched.body());
        assertTrue(page.contains("<p>Hello <b>there</b></p>"), page);
        assertFalse(page.contains("alert("), page);
    }

    private HttpResponse<String> preflight(String path, String origin, String method) {
        return http.send(http.request(path, "Origin", origin,
                "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
