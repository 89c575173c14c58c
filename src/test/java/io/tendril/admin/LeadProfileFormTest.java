package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stage and tags form of the admin lead page: CSRF-checked, validated as PATCH
 * /api/v1/leads/{id} is, and recording the same stage and tag events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadProfileFormTest {

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

    private long signUp(String email) {
        assertEquals(200, http.postJson("/f/demo", "{\"email\": \"" + email + "\","
                + " \"consent\": true}").statusCode());
        return lead("/api/v1/leads?email=" + email).get("data").get(0).get("id").asLong();
    }

    private JsonNode lead(String path) {
        return Http.json(http.get(path, "Authorization", "Bearer " + node.apiToken()));
    }

    private String csrf(long id) {
        Document page = Jsoup.parse(http.get("/admin/leads/" + id, "Cookie", cookie).body());
        return page.selectFirst("form.profile input[name=csrf]").attr("value");
    }

    private HttpResponse<String> save(long id, String csrf, String stage, String tags) {
        return http.postForm("/admin/leads/" + id + "/profile", "csrf=" + encode(csrf)
                + "&stage=" + encode(stage) + "&tags=" + encode(tags), "Cookie", cookie);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void savedStageAndTagsAreEvents() {
        long id = signUp("sam.stage@example.com");
        HttpResponse<String> saved = save(id, csrf(id), "sql", " vip , webinar,,");
        JsonNode lead = lead("/api/v1/leads/" + id);
        List<JsonNode> events = new ArrayList<>();
        lead("/api/v1/leads/" + id + "/events").get("data").forEach(events::add);
        JsonNode stage = events.stream().filter(e -> e.get("type").asText().equals("stage"))
                .findFirst().orElseThrow();
        List<String> tagged = events.stream().filter(e -> e.get("type").asText().equals("tag"))
                .map(e -> e.get("data").get("tag").asText() + ":" + e.get("data").get("added")
                        + ":" + e.get("data").get("source").asText())
                .toList();
        Document page = Jsoup.parse(http.get(saved.headers().firstValue("Location")
                .orElseThrow(), "Cookie", cookie).body());

        assertEquals(303, saved.statusCode());
        assertEquals("/admin/leads/" + id + "?saved=1#profile",
                saved.headers().firstValue("Location").orElseThrow());
        assertEquals("sql", lead.get("stage").asText());
        assertEquals("[\"vip\",\"webinar\"]", lead.get("tags").toString());
        assertEquals("sql", stage.get("data").get("stage").asText());
        assertEquals("admin", stage.get("data").get("source").asText());
        assertEquals(List.of("vip:true:admin", "webinar:true:admin"), tagged);
        assertEquals("Saved.", page.selectFirst("form.profile [role=status]").text());
        assertEquals("vip, webinar", page.selectFirst("#profile-tags").attr("value"));
    }

    @Test
    void emptyTagsRemoveEveryTag() {
        long id = signUp("tia.tags@example.com");
        assertEquals(303, save(id, csrf(id), "lead", "a, b").statusCode());
        HttpResponse<String> cleared = save(id, csrf(id), "lead", "");

        assertEquals(303, cleared.statusCode());
        assertEquals(0, lead("/api/v1/leads/" + id).get("tags").size());
    }

    @Test
    void invalidValuesShowTheirMessages() {
        long id = signUp("ivan.invalid@example.com");
        String longTag = "x".repeat(41);
        HttpResponse<String> rejected = save(id, csrf(id), "Not A Stage", "ok, " + longTag);
        Document page = Jsoup.parse(rejected.body());
        JsonNode lead = lead("/api/v1/leads/" + id);

        assertEquals(422, rejected.statusCode());
        assertEquals("true", page.selectFirst("#profile-stage").attr("aria-invalid"));
        assertEquals("Not A Stage", page.selectFirst("#profile-stage").attr("value"));
        assertTrue(page.selectFirst("#profile-stage-error").text().startsWith("Use 1 to 40"),
                rejected.body());
        assertEquals("true", page.selectFirst("#profile-tags").attr("aria-invalid"));
        assertEquals("ok, " + longTag, page.selectFirst("#profile-tags").attr("value"));
        assertTrue(page.selectFirst("#profile-tags-error").text().startsWith("Tag '" + longTag
                + "':"), page.selectFirst("#profile-tags-error").text());
        assertNotNull(page.selectFirst("form.profile [role=alert]"));
        assertEquals("new", lead.get("stage").asText(), "nothing was saved");
        assertEquals(0, lead.get("tags").size(), "nothing was saved");
    }

    @Test
    void missingCsrfIsRejected() {
        long id = signUp("cora.csrf@example.com");
        HttpResponse<String> forged = save(id, "forged", "customer", "stolen");

        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("The form expired"), forged.body());
        assertEquals("new", lead("/api/v1/leads/" + id).get("stage").asText());
    }
}
