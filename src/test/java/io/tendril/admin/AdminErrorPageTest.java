package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Errors under {@code /admin} are HTML pages in the admin layout whatever the request accepts,
 * and errors under {@code /api/v1} stay JSON even for a request that accepts HTML.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminErrorPageTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private TestNode node;
    private Http http;
    private String cookie;

    @BeforeAll
    void start() {
        node = TestNode.start();
        http = node.http();
        cookie = http.signIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void unknownAdminPathIsAdminPage() {
        for (String accept : new String[] {BROWSER_ACCEPT, "*/*", "application/json"}) {
            HttpResponse<String> response = http.get("/admin/no-such-page", "Cookie", cookie,
                    "Accept", accept);
            Document page = Jsoup.parse(response.body());

            assertEquals(404, response.statusCode(), accept);
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                    .startsWith("text/html"), accept);
            assertEquals("Page not found", page.selectFirst("h1").text(), accept);
            assertTrue(page.text().contains("Page /admin/no-such-page not found."), accept);
            assertTrue(page.text().contains("Error 404"), accept);
            assertNotNull(page.selectFirst("nav a[href=/admin/sequences]"), accept);
            assertEquals("/admin/leads", page.selectFirst("main a").attr("href"), accept);
        }
    }

    @Test
    void missingRecordsLinkBackToTheirList() {
        String[][] cases = {
            {"/admin/leads/999999", "Lead 999999 not found.", "/admin/leads", "Back to leads"},
            {"/admin/forms/999999", "Form 999999 not found.", "/admin/forms", "Back to forms"},
            {"/admin/sequences/999999", "Sequence 999999 not found.", "/admin/sequences",
                "Back to sequences"},
        };
        for (String[] row : cases) {
            HttpResponse<String> response = http.get(row[0], "Cookie", cookie);
            Document page = Jsoup.parse(response.body());

            assertEquals(404, response.statusCode(), row[0]);
            assertTrue(page.selectFirst("main").text().contains(row[1]), response.body());
            assertEquals(row[2], page.selectFirst("main a").attr("href"), row[0]);
            assertEquals(row[3], page.selectFirst("main a").text(), row[0]);
            assertNotNull(page.selectFirst("nav a[aria-current=page][href=" + row[2] + "]"),
                    row[0]);
        }
    }

    @Test
    void signedOutVisitorGetsSignInLink() {
        HttpResponse<String> response = http.get("/admin/no-such-page", "Accept",
                BROWSER_ACCEPT);
        Document page = Jsoup.parse(response.body());

        assertEquals(404, response.statusCode());
        assertEquals("Page not found", page.selectFirst("h1").text());
        assertNull(page.selectFirst("nav"));
        assertEquals("/admin/login", page.selectFirst("main a").attr("href"));
    }

    @Test
    void apiErrorsStayJson() {
        String token = node.apiToken();
        HttpResponse<String> lead = http.get("/api/v1/leads/999999", "Authorization",
                "Bearer " + token, "Accept", BROWSER_ACCEPT);
        HttpResponse<String> unknown = http.get("/api/v1/no-such-resource", "Authorization",
                "Bearer " + token, "Accept", BROWSER_ACCEPT);

        assertEquals(404, lead.statusCode());
        assertTrue(lead.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/json"));
        assertEquals("not_found", Http.json(lead).get("error").get("code").asText());
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", Http.json(unknown).get("error").get("code").asText());
    }
}
