package io.tendril.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.Mime;
import io.tendril.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasing a lead through the API removes its personal data from every table while the
 * anonymous rows that reports count stay, and the address can sign up again as a new lead.
 */
class LeadErasureTest {

    private static final String SIGN_UP = "{\"email\": \"ida.berg@example.com\", \"name\":"
            + " \"Ida Berg\", \"consent\": true, \"utm_source\": \"podcast\", \"referrer\":"
            + " \"https://blog.example.com/?who=ida.berg@example.com\"}";

    private static TestNode node;
    private static Jdbi jdbi;
    private static String token;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        jdbi = node.tendril().database().jdbi();
        token = node.apiToken();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> call(String method, String path) {
        return node.http().send(node.http().request(path, "Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static long leadId(String email) {
        JsonData data = new JsonData(call("GET", "/api/v1/leads?email=" + email));
        return data.size() == 0 ? -1 : data.firstId();
    }

    private static MimeMessage welcomeTo(String email) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : node.smtp().getReceivedMessages()) {
                if (message.getHeader("To", ",").contains(email)) {
                    return message;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no email to " + email);
    }

    private static String text(String sql, long id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, id).mapTo(String.class).one());
    }

    private static List<String> texts(String sql, long id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, id).mapTo(String.class).list());
    }

    /** The data array of a lead search. */
    private record JsonData(HttpResponse<String> response) {
        int size() {
            return Http.json(response).get("data").size();
        }

        long firstId() {
            return Http.json(response).get("data").get(0).get("id").asLong();
        }
    }

    @Test
    void erasureRemovesPersonalData() throws Exception {
        assertEquals(200, node.http().postJson("/f/demo", SIGN_UP).statusCode());
        MimeMessage welcome = welcomeTo("ida.berg@example.com");
        Matcher link = Pattern.compile("href=\"(http[^\"]*/t/c/[^\"]+)\"")
                .matcher(Mime.allText(welcome));
        assertTrue(link.find(), "no tracked link in the welcome email");
        HttpResponse<String> click = node.http().get(link.group(1).replace("&amp;", "&"),
                "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
        assertEquals(302, click.statusCode(), link.group(1));
        long id = leadId("ida.berg@example.com");

        assertEquals(204, call("DELETE", "/api/v1/leads/" + id).statusCode());

        assertEquals(-1, leadId("ida.berg@example.com"));
        var lead = Http.json(call("GET", "/api/v1/leads/" + id));
        assertEquals("erased", lead.get("status").asText());
        assertEquals("", lead.get("email").asText());
        assertEquals("", lead.get("name").asText());
        String touch = text("SELECT first_touch::text FROM leads WHERE id = ?", id);
        assertTrue(touch.contains("podcast"), touch);
        assertFalse(touch.contains("ida.berg"), touch);
        assertEquals("{}", text("SELECT payload::text FROM submissions WHERE lead_id = ?", id));
        assertNull(text("SELECT referrer FROM submissions WHERE lead_id = ?", id));
        assertNull(text("SELECT user_agent FROM submissions WHERE lead_id = ?", id));
        assertEquals("podcast", text("SELECT utm_source FROM submissions WHERE lead_id = ?", id));
        assertNull(text("SELECT ip_hash FROM consents WHERE lead_id = ?", id));
        assertEquals(List.of(), texts("SELECT subject FROM messages WHERE lead_id = ?"
                + " AND subject IS NOT NULL", id));
        assertEquals(List.of("exited"), texts("SELECT DISTINCT status FROM enrollments"
                + " WHERE lead_id = ?", id));
        for (String data : texts("SELECT data::text FROM events WHERE lead_id = ?", id)) {
            assertFalse(data.contains("\"url\"") || data.contains("user_agent"), data);
        }
        assertEquals(List.of("click"), texts("SELECT type FROM events WHERE lead_id = ?"
                + " AND type = 'click'", id), "the anonymous click still counts");
        assertTrue(texts("SELECT data ->> 'reason' FROM events WHERE lead_id = ?"
                + " AND type = 'exit'", id).contains("erased"));
    }

    @Test
    void erasedAddressSignsUpAsNewLead() {
        String body = SIGN_UP.replace("ida.berg", "ola.nord");
        assertEquals(200, node.http().postJson("/f/demo", body).statusCode());
        long first = leadId("ola.nord@example.com");

        assertEquals(204, call("DELETE", "/api/v1/leads/" + first).statusCode());
        assertEquals(204, call("DELETE", "/api/v1/leads/" + first).statusCode());
        assertEquals(200, node.http().postJson("/f/demo", body).statusCode());

        long second = leadId("ola.nord@example.com");
        assertNotEquals(first, second);
        assertEquals("active", Http.json(call("GET", "/api/v1/leads/" + second))
                .get("status").asText());
    }

    @Test
    void unknownLeadIsNotFound() {
        assertEquals(404, call("DELETE", "/api/v1/leads/999999").statusCode());
    }
}
