package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Archiving a sequence from its admin page under the API's rules, and the archived sequences in
 * their own collapsed section of the sequence list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceArchivePageTest {

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

    private long createSequence(String key) {
        HttpResponse<String> created = http.postJson("/api/v1/sequences", "{\"key\": \"" + key
                + "\", \"name\": \"Spring " + key + "\", \"steps\": [{\"wait\": {\"amount\": 1,"
                + " \"unit\": \"days\"}, \"subject\": \"Hi\", \"html\": \"<p>Hi</p>\"}]}",
                "Authorization", "Bearer " + node.apiToken());
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created).get("id").asLong();
    }

    private HttpResponse<String> archive(long id, String confirm) {
        Document page = Jsoup.parse(http.get("/admin/sequences/" + id, "Cookie", cookie).body());
        String csrf = page.selectFirst("form[action$=/archive] input[name=csrf]").attr("value");
        return http.postForm("/admin/sequences/" + id + "/archive", "csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + confirm, "Cookie", cookie);
    }

    private String status(long id) {
        return Http.json(http.get("/api/v1/sequences/" + id, "Authorization",
                "Bearer " + node.apiToken())).get("status").asText();
    }

    @Test
    void archivedSequenceMovesToItsSection() {
        long id = createSequence("archive-me");
        HttpResponse<String> archived = archive(id, "&confirm=yes");
        Document sequence = Jsoup.parse(http.get("/admin/sequences/" + id, "Cookie", cookie)
                .body());
        Document list = Jsoup.parse(http.get("/admin/sequences", "Cookie", cookie).body());
        Element section = list.selectFirst("details.archived");

        assertEquals(303, archived.statusCode());
        assertEquals("archived", status(id));
        assertTrue(sequence.text().contains("This sequence is archived"), sequence.text());
        assertNull(sequence.selectFirst("form[action$=/archive]"));
        assertNotNull(section);
        assertFalse(section.hasAttr("open"), "the archived section starts collapsed");
        assertTrue(section.selectFirst("summary").text().startsWith("Archived sequences ("));
        assertNotNull(section.selectFirst("a[href=/admin/sequences/" + id + "]"));
        assertNull(list.selectFirst("table:not(details table) a[href=/admin/sequences/" + id
                + "]"), "an archived sequence is not among the others");
    }

    @Test
    void fedSequenceShowsConflict() {
        long demo = Http.json(http.get("/api/v1/sequences", "Authorization",
                "Bearer " + node.apiToken())).get("data").get(0).get("id").asLong();
        HttpResponse<String> rejected = archive(demo, "&confirm=yes");
        Document page = Jsoup.parse(rejected.body());
        String alert = page.selectFirst("[role=alert]").text();

        assertEquals(409, rejected.statusCode());
        assertTrue(alert.startsWith("Not archived: Forms demo still enroll their new leads"),
                alert);
        assertNotNull(page.selectFirst("nav"), "shown in the admin layout");
        assertEquals("active", status(demo));
    }

    @Test
    void unconfirmedArchiveChangesNothing() {
        long id = createSequence("keep-me");
        HttpResponse<String> rejected = archive(id, "");
        String alert = Jsoup.parse(rejected.body()).selectFirst("[role=alert]").text();

        assertEquals(422, rejected.statusCode());
        assertTrue(alert.contains("Tick the box"), alert);
        assertEquals("draft", status(id));
    }
}
