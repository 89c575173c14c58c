package io.tendril;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.Mime;
import io.tendril.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole path over real HTTP, PostgreSQL and SMTP: capture, drip email, open, click. */
class EndToEndTest {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void submissionBecomesTrackedWelcomeEmail() throws Exception {
        Http http = node.http();
        HttpResponse<String> submitted = http.postJson("/f/demo", """
                {"email": "Dana.Reyes@Example.com", "name": "Dana Reyes", "consent": true,
                 "utm_source": "newsletter", "utm_campaign": "winter"}""");
        assertEquals(200, submitted.statusCode(), submitted.body());
        assertEquals("ok", Http.json(submitted).get("status").asText());

        MimeMessage email = node.awaitEmails(1, Duration.ofSeconds(15))[0];
        assertEquals("Welcome to Tendril, Dana!", email.getSubject());
        assertEquals("Dana.Reyes@example.com", email.getAllRecipients()[0].toString()
                .replaceAll(".*<|>.*", ""));
        String unsubscribe = email.getHeader("List-Unsubscribe", null);
        assertTrue(unsubscribe.startsWith("<" + http.baseUrl() + "/u/"), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", email.getHeader("List-Unsubscribe-Post", null));
        assertTrue(email.getMessageID().endsWith("@acme.example>"), email.getMessageID());

        String html = Mime.part(email, "text/html");
        String text = Mime.part(email, "text/plain");
        assertNotNull(html);
        assertTrue(text.contains("Welcome aboard, Dana!"), text);
        List<String> clickLinks = matches(html, "href=\"(" + Pattern.quote(http.baseUrl())
                + "/t/c/[^\"]+)\"");
        List<String> pixels = matches(html, "src=\"(" + Pattern.quote(http.baseUrl())
                + "/t/o/[^\"]+\\.gif)\"");
        assertEquals(1, clickLinks.size(), html);
        assertEquals(1, pixels.size(), html);

        String browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        HttpResponse<String> click = http.get(clickLinks.get(0), "User-Agent", browser);
        assertEquals(302, click.statusCode());
        assertEquals(http.baseUrl() + "/admin/leads?utm_source=welcome&utm_medium=email",
                click.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> pixel = http.get(pixels.get(0), "User-Agent", browser);
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("Content-Type").orElseThrow());

        String token = node.apiToken();
        JsonNode leads = Http.json(http.get("/api/v1/leads?email=dana.reyes@example.com",
                "Authorization", "Bearer " + token)).get("data");
        assertEquals(1, leads.size());
        long leadId = leads.get(0).get("id").asLong();
        assertEquals("newsletter", leads.get(0).get("first_touch").get("utm_source").asText());

        JsonNode events = Http.json(http.get("/api/v1/leads/" + leadId + "/events",
                "Authorization", "Bearer " + token)).get("data");
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("type").asText()));
        assertEquals(List.of("submit", "consent", "enroll", "sent", "click", "open"), types);
    }

    @Test
    void forgedClickTokenGets404() {
        Http http = node.http();
        HttpResponse<String> forged = http.get("/t/c/YwAAAAAAAAABAAAAAAAAAAAAAAAAAAA");
        assertEquals(404, forged.statusCode());
        assertTrue(forged.headers().firstValue("Location").isEmpty());
    }

    @Test
    void apiWithoutTokenGets401() {
        HttpResponse<String> response = node.http().get("/api/v1/leads");
        assertEquals(401, response.statusCode());
        assertEquals("unauthorized", Http.json(response).get("error").get("code").asText());
    }

    @Test
    void healthAnswersOk() {
        HttpResponse<String> response = node.http().get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("ok", Http.json(response).get("status").asText());
    }

    static List<String> matches(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
