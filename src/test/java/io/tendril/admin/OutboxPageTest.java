package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.delivery.Await;
import io.tendril.support.TestNode;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin's development inbox, on a node without an SMTP server: each email shows its
 * sender and the headers a marketer checks before going live, such as List-Unsubscribe.
 */
class OutboxPageTest {

    private static TestNode node;
    private static String cookie;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("TENDRIL_SMTP_URL", ""));
        cookie = node.http().signIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void emailShowsSenderAndHeaders() {
        assertEquals(200, node.http().postJson("/f/demo", "{\"email\": \"outbox@example.com\","
                + " \"name\": \"Olive\", \"consent\": true}").statusCode());

        Await.until("the welcome email reaches the inbox", Duration.ofSeconds(20),
                () -> page().select("tbody tr").size() == 1);
        Document page = page();

        assertEquals("Olive <outbox@example.com>", page.select("tbody td").get(1).text());
        String details = page.select("tbody details dl").text();
        assertTrue(details.contains("From Acme Team <team@acme.example>"), details);
        assertTrue(details.contains("List-Unsubscribe <"), details);
        assertTrue(details.contains("List-Unsubscribe-Post List-Unsubscribe=One-Click"), details);
        assertTrue(details.contains("Message-ID <"), details);
        String unsubscribe = page.select("tbody dt:containsOwn(List-Unsubscribe) + dd").first()
                .wholeText();
        assertFalse(unsubscribe.contains("\n"), unsubscribe);
        assertFalse(unsubscribe.contains("\r"), unsubscribe);
    }

    private static Document page() {
        return Jsoup.parse(node.http().get("/admin/outbox", "Cookie", cookie).body());
    }
}
