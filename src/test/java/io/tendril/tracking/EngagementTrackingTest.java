package io.tendril.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.http.Json;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The open pixel and the click redirect over real HTTP and PostgreSQL. */
class EngagementTrackingTest {

    private static final String SECRET = "engagement-test-secret-0123456789-abcdef";
    private static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String LINKS =
            "[\"https://example.com/pricing\", \"https://example.com/docs?a=1&b=2\"]";

    private static TestNode node;
    private static Jdbi jdbi;
    private static SentMessages messages;
    private static final TokenSigner signer = new TokenSigner(SECRET);

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("TENDRIL_SECRET", SECRET));
        jdbi = node.tendril().database().jdbi();
        messages = new SentMessages(jdbi);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void concurrentOpensAndClicksRecordedOnce() throws Exception {
        int messageCount = 10;
        long[] ids = new long[messageCount];
        for (int i = 0; i < messageCount; i++) {
            ids[i] = messages.insert(LINKS);
        }
        List<String> urls = List.of("https://example.com/pricing",
                "https://example.com/docs?a=1&b=2");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                long messageId = ids[i / 2 % messageCount];
                String path = i % 2 == 0
                        ? "/t/o/" + signer.sign(TokenSigner.Kind.OPEN, messageId, 0) + ".gif"
                        : "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, i / 2 % 2);
                responses.add(pool.submit(() -> node.http().get(path, "User-Agent", BROWSER)));
            }
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> response = responses.get(i).get();
                if (i % 2 == 0) {
                    assertEquals(200, response.statusCode(), "open " + i);
                    assertEquals("image/gif", response.headers().firstValue("Content-Type")
                            .orElseThrow(), "open " + i);
                } else {
                    assertEquals(302, response.statusCode(), "click " + i);
                    assertEquals(urls.get(i / 2 % 2), response.headers().firstValue("Location")
                            .orElseThrow(), "click " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        long[] opens = new long[messageCount];
        long[] clicks = new long[messageCount];
        long[] expected = new long[messageCount];
        for (int i = 0; i < messageCount; i++) {
            opens[i] = messages.events(ids[i], "open");
            clicks[i] = messages.events(ids[i], "click");
            expected[i] = 10;
        }
        assertArrayEquals(expected, opens);
        assertArrayEquals(expected, clicks);
        long wrongUrl = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM events e JOIN messages m ON m.id = e.message_id
                WHERE e.type = 'click' AND e.message_id = ANY(:ids)
                  AND (e.data ->> 'url' IS DISTINCT FROM m.links ->> CAST(e.data ->> 'link' AS int)
                       OR e.lead_id <> m.lead_id OR NOT e.human)""")
                .bind("ids", ids).mapTo(Long.class).one());
        assertEquals(0, wrongUrl);
    }

    @Test
    void openOfMissingMessageRecordsNothing() {
        HttpResponse<String> response = node.http().get("/t/o/"
                + signer.sign(TokenSigner.Kind.OPEN, 987_654_321L, 0) + ".gif");

        assertEquals(200, response.statusCode());
        assertEquals("image/gif", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0, messages.events(987_654_321L, "open"));
    }

    @Test
    void forgedOpenTokenAnswersGif() {
        long messageId = messages.insert(LINKS);
        String token = signer.sign(TokenSigner.Kind.OPEN, messageId, 0);
        String forged = token.substring(0, 30) + (token.endsWith("A") ? "B" : "A");

        HttpResponse<String> response = node.http().get("/t/o/" + forged + ".gif");

        assertEquals(200, response.statusCode());
        assertEquals(0, messages.events(messageId, "open"));
    }

    @Test
    void clickTokenDoesNotRecordOpen() {
        long messageId = messages.insert(LINKS);

        HttpResponse<String> response = node.http().get("/t/o/"
                + signer.sign(TokenSigner.Kind.CLICK, messageId, 0) + ".gif");

        assertEquals(200, response.statusCode());
        assertEquals(0, messages.events(messageId, "open"));
    }

    @Test
    void headRequestsRecordNothing() {
        long messageId = messages.insert(LINKS);
        String open = "/t/o/" + signer.sign(TokenSigner.Kind.OPEN, messageId, 0) + ".gif";
        String click = "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 1);

        HttpResponse<String> pixel = head(open);
        HttpResponse<String> link = head(click);

        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("Content-Type").orElse(""));
        assertEquals(302, link.statusCode());
        assertEquals("https://example.com/docs?a=1&b=2",
                link.headers().firstValue("Location").orElse(""));
        assertEquals(0, messages.events(messageId, "open"));
        assertEquals(0, messages.events(messageId, "click"));
    }

    private static HttpResponse<String> head(String path) {
        return node.http().send(node.http().request(path, "User-Agent", BROWSER)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void clickOfMissingMessageGets404() {
        HttpResponse<String> response = node.http().get("/t/c/"
                + signer.sign(TokenSigner.Kind.CLICK, 987_654_322L, 0));

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
        assertEquals(0, messages.events(987_654_322L, "click"));
    }

    @Test
    void clickOfUnknownLinkGets404() {
        long messageId = messages.insert(LINKS);
        String known = "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 1);
        String unknown = "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 2);

        assertEquals(302, node.http().get(known).statusCode());
        HttpResponse<String> response = node.http().get(unknown);

        assertEquals(404, response.statusCode());
        assertEquals(1, messages.events(messageId, "click"));
    }

    @Test
    void clickOfDeletedMessageGets404() {
        long messageId = messages.insert(LINKS);
        String path = "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 0);
        assertEquals(302, node.http().get(path).statusCode());

        jdbi.useHandle(h -> h.execute("DELETE FROM messages WHERE id = ?", messageId));
        HttpResponse<String> response = node.http().get(path);

        assertEquals(404, response.statusCode());
        assertEquals(1, messages.events(messageId, "click"));
    }

    @Test
    void unsentMessageLinksAreNotCached() {
        long messageId = messages.insert("sending", "[\"https://example.com/first\"]");
        String path = "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 0);
        assertEquals("https://example.com/first", node.http().get(path).headers()
                .firstValue("Location").orElseThrow());

        jdbi.useHandle(h -> h.execute("UPDATE messages SET links = '[\"https://example.com/"
                + "second\"]', status = 'sent' WHERE id = ?", messageId));
        HttpResponse<String> response = node.http().get(path);

        assertEquals("https://example.com/second", response.headers().firstValue("Location")
                .orElseThrow());
        assertEquals(2, messages.events(messageId, "click"));
    }

    @Test
    void machineEventsAreNotHuman() {
        long messageId = messages.insert(LINKS);
        String open = "/t/o/" + signer.sign(TokenSigner.Kind.OPEN, messageId, 0) + ".gif";
        String click = "/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 1);

        node.http().get(open, "User-Agent", "Mozilla/5.0 (via ggpht.com GoogleImageProxy)");
        node.http().get(click, "User-Agent", "Barracuda link scanner");
        node.http().get(open, "User-Agent", BROWSER);

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT type, human, data ->> 'user_agent' AS user_agent, data ->> 'link' AS link,
                       data ->> 'url' AS url, lead_id
                FROM events WHERE message_id = :id ORDER BY id""")
                .bind("id", messageId).mapToMap().list());
        assertEquals(3, rows.size());
        assertEquals("open", rows.get(0).get("type"));
        assertEquals(false, rows.get(0).get("human"));
        assertEquals("Mozilla/5.0 (via ggpht.com GoogleImageProxy)",
                rows.get(0).get("user_agent"));
        assertEquals("click", rows.get(1).get("type"));
        assertEquals(false, rows.get(1).get("human"));
        assertEquals("1", rows.get(1).get("link"));
        assertEquals("https://example.com/docs?a=1&b=2", rows.get(1).get("url"));
        assertEquals(true, rows.get(2).get("human"));
        assertEquals(messages.leadOf(messageId), rows.get(2).get("lead_id"));
    }

    @Test
    void userAgentAndUrlKeepQuotesAndBackslashes() {
        String url = "https://example.com/caf\u00e9?q=\"x\"\\y";
        long messageId = messages.insert(Json.write(List.of(url)));
        String agent = "Mozilla/5.0 \"quoted\" back\\slash\ttab";

        node.http().get("/t/o/" + signer.sign(TokenSigner.Kind.OPEN, messageId, 0) + ".gif",
                "User-Agent", agent);
        node.http().get("/t/c/" + signer.sign(TokenSigner.Kind.CLICK, messageId, 0),
                "User-Agent", agent);

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT data ->> 'user_agent' AS user_agent, data ->> 'url' AS url
                FROM events WHERE message_id = :id ORDER BY id""")
                .bind("id", messageId).mapToMap().list());
        assertEquals(2, rows.size());
        assertEquals(agent, rows.get(0).get("user_agent"));
        assertEquals(agent, rows.get(1).get("user_agent"));
        assertEquals(url, rows.get(1).get("url"));
    }
}
