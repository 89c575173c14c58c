package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hosted form page shown again after a urlencoded post: values, messages, limits. */
class CaptureHostedPageTest {

    private static CaptureFixture fixture;
    private static long demoFormId;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
        demoFormId = fixture.count("SELECT id FROM forms WHERE slug = 'demo'");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private HttpResponse<String> postPage(String slug, long formId, String body) {
        return fixture.http.postForm("/f/" + slug, body + "&_render="
                + fixture.renderToken(formId), "Accept", "text/html");
    }

    @Test
    void invalidUtf8KeepsOtherValues() {
        HttpResponse<String> response = postPage("demo", demoFormId,
                "email=bad2%40example.com&consent=on&name=%FF%FE");
        Document page = Jsoup.parse(response.body());

        assertEquals(422, response.statusCode());
        assertEquals("bad2@example.com", page.getElementById("tf-email").val());
        assertTrue(page.getElementById("tf-consent").hasAttr("checked"), response.body());
        assertEquals("true", page.getElementById("tf-name").attr("aria-invalid"));
        assertNotNull(page.getElementById("tf-name-error"));
        assertEquals(0, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "bad2@example.com"));
    }

    @Test
    void errorSummaryUsesShownLabel() {
        HttpResponse<String> response = postPage("demo", demoFormId,
                "email=summary%40example.com");
        Document page = Jsoup.parse(response.body());
        Element consentLabel = page.selectFirst("label[for=tf-consent] span");
        Element summaryLink = page.selectFirst("#tf-summary a[href=#tf-consent]");

        assertEquals(422, response.statusCode());
        assertNotNull(summaryLink, response.body());
        String shown = consentLabel.ownText().strip().replaceAll("[.:]+$", "");
        assertTrue(summaryLink.text().startsWith(shown + ": "), summaryLink.text());
    }

    @Test
    void emailMaxLengthIsAddressLimit() {
        fixture.createForm("""
                {"slug": "plain", "name": "Plain",
                 "fields": [{"name": "email", "type": "email", "required": true}]}""");
        for (String slug : new String[] {"demo", "plain"}) {
            Document page = Jsoup.parse(fixture.http.get("/f/" + slug).body());
            assertEquals("254", page.getElementById("tf-email").attr("maxlength"), slug);
            String definition = fixture.http.get("/forms/" + slug + ".json").body();
            assertEquals(254, Http.json(fixture.http.get("/forms/" + slug + ".json"))
                    .get("fields").get(0).get("max_length").asInt(), definition);
        }
    }

    @Test
    void rateLimitRendersPageWithRetryAfter() {
        long formId = fixture.createForm("""
                {"slug": "busy", "name": "Busy",
                 "fields": [{"name": "email", "type": "email", "required": true},
                            {"name": "name", "type": "text"}],
                 "spam": {"ip_limit": 1, "ip_limit_seconds": 3600}}""").get("id").asLong();
        HttpResponse<String> first = postPage("busy", formId, "email=busy1%40example.com");
        HttpResponse<String> limited = postPage("busy", formId,
                "email=busy2%40example.com&name=Bea");
        Document page = Jsoup.parse(limited.body());
        Element alert = page.getElementById("tf-summary");

        assertEquals(303, first.statusCode());
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/html"));
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())
                >= 1);
        assertNotNull(alert, limited.body());
        assertEquals("alert", alert.attr("role"));
        assertTrue(alert.text().contains("try again"), alert.text());
        assertEquals("busy2@example.com", page.getElementById("tf-email").val());
        assertEquals("Bea", page.getElementById("tf-name").val());
        assertFalse(page.select("form input[name=_render]").attr("value").isBlank());
    }
}
