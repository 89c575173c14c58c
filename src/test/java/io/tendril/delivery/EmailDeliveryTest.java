package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.Mailings;
import io.tendril.support.TestNode;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Emails as a real SMTP server receives them: header encoding in many scripts, header
 * injection, tracked and untracked links, UTM parameters, unsubscribe headers and one-click
 * unsubscribe.
 */
class EmailDeliveryTest {

    static final String SUBJECT = "Hallo {{name}} 🚀 – 50 % Rabatt";
    static final String HTML = """
            <p id="top">Hi {{name}}, from {{company}} ({{step.name}} {{step.position}})</p>
            <p><a href="https://shop.example.com/p?utm_source=mail&amp;utm_medium=email"
            >Shop</a></p>
            <p><a href="https://docs.example.com/guide#farbe=grün">Guide</a></p>
            <p><a href="https://app.example.com/#/pricing">Pricing</a></p>
            <p><a href="mailto:sales@example.com?subject=Hi%20there">Mail</a>
            <a href="tel:+15551234567">Call</a> <a href='#top'>Top</a></p>
            <p><a data-notrack href="https://keep.example.com/x?a=1&amp;b=2">Keep</a></p>
            """;
    static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("latin@example.com", "Zoë Ñúñez");
        NAMES.put("hebrew@example.com", "ליאת כהן");
        NAMES.put("cjk@example.com", "王芳");
        NAMES.put("emoji@example.com", "Zoë 👩🏽‍💻");
        NAMES.put("cyrillic@example.com",
                "Александра Константиновна Преображенская-Воскресенская");
        NAMES.put("amp@example.com", "Tom &amp; Jerry <b>");
    }

    private static TestNode node;
    private static MimeMessage[] received;
    private static long sequenceId;

    @BeforeAll
    static void sendAll() {
        node = TestNode.start(Map.of(
                "TENDRIL_MAIL_FROM", "Ü-Team <team@acme.example>",
                "TENDRIL_DEMO", "false",
                "TENDRIL_UTM_AUTO", "true",
                "TENDRIL_BOUNCE_DOMAIN", "bounces.acme.example",
                "TENDRIL_POSTAL_ADDRESS", "Acme Ltd, 1 Main St, Springfield"));
        Jdbi jdbi = node.tendril().database().jdbi();
        Mailings.Sequence sequence = Mailings.sequence(jdbi, "Spring Sale", SUBJECT, HTML, "");
        sequenceId = sequence.id();
        for (Map.Entry<String, String> lead : NAMES.entrySet()) {
            Mailings.enroll(jdbi, lead.getKey(), lead.getValue(), sequence.id());
        }
        Mailings.enroll(jdbi, "eve@example.com", "Eve\r\nBcc: victim@example.org",
                sequence.id());
        received = node.awaitEmails(NAMES.size() + 1, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void headerBytesAreAsciiEncodedWords() throws Exception {
        for (MimeMessage message : received) {
            String headers = Mailings.rawHeaders(message);
            for (char c : headers.toCharArray()) {
                assertTrue(c < 128, "non-ASCII byte in headers: " + headers);
            }
            Matcher words = Pattern.compile("=\\?[^?]+\\?[BbQq]\\?[^?]*\\?=").matcher(headers);
            while (words.find()) {
                assertTrue(words.group().length() <= 75, "encoded word too long: "
                        + words.group());
            }
        }
    }

    @Test
    void namesDecodeExactlyInEveryScript() throws Exception {
        for (Map.Entry<String, String> lead : NAMES.entrySet()) {
            MimeMessage message = Mailings.to(received, lead.getKey());
            InternetAddress to = (InternetAddress) message.getRecipients(
                    Message.RecipientType.TO)[0];
            assertEquals(lead.getValue(), to.getPersonal(), lead.getKey());
        }
    }

    @Test
    void senderNameDecodesExactly() throws Exception {
        InternetAddress from = (InternetAddress) received[0].getFrom()[0];
        assertEquals("Ü-Team", from.getPersonal());
        assertEquals("team@acme.example", from.getAddress());
    }

    @Test
    void emojiSubjectDecodesOnce() throws Exception {
        MimeMessage message = Mailings.to(received, "emoji@example.com");
        String subject = message.getSubject();
        assertEquals("Hallo Zoë 👩🏽‍💻 🚀 – 50 % Rabatt", subject);
        assertFalse(subject.contains("=?"), subject);
        assertFalse(subject.contains("\uFFFD"), subject);
    }

    @Test
    void longSubjectIsFoldedAndDecodes() throws Exception {
        MimeMessage message = Mailings.to(received, "cyrillic@example.com");
        String raw = Mailings.rawHeaders(message);
        for (String line : raw.split("\r\n")) {
            assertTrue(line.length() <= 998, "header line over 998 characters");
        }
        assertEquals("Hallo " + NAMES.get("cyrillic@example.com") + " 🚀 – 50 % Rabatt",
                message.getSubject());
    }

    @Test
    void headerInjectionStaysInOneLine() throws Exception {
        MimeMessage message = Mailings.to(received, "eve@example.com");
        assertEquals(1, message.getAllRecipients().length);
        assertNull(message.getHeader("Bcc"));
        String subject = message.getSubject();
        assertFalse(subject.contains("\r"), subject);
        assertFalse(subject.contains("\n"), subject);
        assertEquals("Hallo Eve Bcc: victim@example.org 🚀 – 50 % Rabatt", subject);
    }

    @Test
    void htmlEscapesNameOnce() throws Exception {
        String html = Mailings.part(Mailings.to(received, "amp@example.com"), "text/html");
        assertTrue(html.contains("Hi Tom &amp;amp; Jerry &lt;b&gt;,"), html);
    }

    @Test
    void stepVariablesAreFilled() throws Exception {
        String html = Mailings.part(received[0], "text/html");
        assertTrue(html.contains("(Only step 1)"), html);
    }

    @Test
    void textPartIsGeneratedWithLinks() throws Exception {
        String text = Mailings.part(Mailings.to(received, "amp@example.com"), "text/plain");
        assertTrue(text.contains("Hi Tom &amp; Jerry <b>, from"), text);
        assertTrue(text.contains("Mail (sales@example.com?subject=Hi%20there)"), text);
        assertTrue(text.contains("Shop (https://shop.example.com/p?utm_source=mail"
                + "&utm_medium=email)"), text);
        assertTrue(text.contains("Acme Ltd, 1 Main St, Springfield"), text);
    }

    @Test
    void nonWebLinksStayByteIdentical() throws Exception {
        String html = Mailings.part(received[0], "text/html");
        assertTrue(html.contains("<a href=\"mailto:sales@example.com?subject=Hi%20there\">"),
                html);
        assertTrue(html.contains("<a href=\"tel:+15551234567\">"), html);
        assertTrue(html.contains("<a href='#top'>"), html);
        assertTrue(html.contains(
                "<a data-notrack href=\"https://keep.example.com/x?a=1&amp;b=2\">"), html);
    }

    @Test
    void ampersandLinkRedirectsDecoded() throws Exception {
        assertEquals("https://shop.example.com/p?utm_source=mail&utm_medium=email",
                clickLocation(0));
    }

    @Test
    void fragmentsKeptWithUtmBeforeHash() throws Exception {
        assertEquals("https://docs.example.com/guide?utm_source=tendril&utm_medium=email"
                + "&utm_campaign=spring-sale#farbe=gr%C3%BCn", clickLocation(1));
        assertEquals("https://app.example.com/?utm_source=tendril&utm_medium=email"
                + "&utm_campaign=spring-sale#/pricing", clickLocation(2));
    }

    @Test
    void onlyWebLinksAreTracked() throws Exception {
        assertEquals(3, trackedLinks(received[0]).size());
    }

    @Test
    void listUnsubscribeHasHttpsAndMailto() throws Exception {
        MimeMessage message = received[0];
        String header = MimeUtility.unfold(message.getHeader("List-Unsubscribe", null));
        Matcher matcher = Pattern.compile("<(http[^>]+/u/[A-Za-z0-9_-]{31})>, <mailto:u-"
                + "[A-Za-z0-9_-]{31}@bounces\\.acme\\.example\\?subject=unsubscribe>")
                .matcher(header);
        assertTrue(matcher.matches(), header);
        assertEquals("List-Unsubscribe=One-Click",
                message.getHeader("List-Unsubscribe-Post", null));
    }

    @Test
    void messageIdUsesSenderDomain() throws Exception {
        assertTrue(received[0].getMessageID().endsWith("@acme.example>"),
                received[0].getMessageID());
    }

    @Test
    void returnPathIsPerMessageVerp() throws Exception {
        String returnPath = received[0].getHeader("Return-Path", null);
        assertNotNull(returnPath);
        assertTrue(returnPath.matches("<?b-[A-Za-z0-9_-]{31}@bounces\\.acme\\.example>?"),
                returnPath);
    }

    @Test
    void oneClickUnsubscribeAnswers2xx() throws Exception {
        MimeMessage message = Mailings.to(received, "latin@example.com");
        String header = message.getHeader("List-Unsubscribe", null);
        String url = header.substring(1, header.indexOf('>'));
        Http http = node.http();

        HttpResponse<String> page = http.get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\""), page.body());
        assertTrue(page.body().contains("href=\"/p/"), page.body());
        assertEquals("active", leadStatus("latin@example.com"));

        HttpResponse<String> oneClick = http.postForm(url, "List-Unsubscribe=One-Click");
        assertEquals(200, oneClick.statusCode());
        assertTrue(oneClick.headers().firstValue("Location").isEmpty());
        assertEquals("unsubscribed", leadStatus("latin@example.com"));

        HttpResponse<String> empty = http.send(http.request(url)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, empty.statusCode());
        HttpResponse<String> repeat = http.postForm(url, "List-Unsubscribe=One-Click");
        assertEquals(200, repeat.statusCode());
        assertEquals(1L, countEvents("latin@example.com", "unsubscribe"));
    }

    @Test
    void preferencesLeaveOneSequence() throws Exception {
        MimeMessage message = Mailings.to(received, "hebrew@example.com");
        String html = Mailings.part(message, "text/html");
        Matcher matcher = Pattern.compile("href=\"(http[^\"]+/p/[A-Za-z0-9_-]{31})\"")
                .matcher(html);
        assertTrue(matcher.find(), html);
        String url = matcher.group(1);
        node.tendril().database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE enrollments SET status = 'active', next_due_at = now() + interval '1 day'"
                        + " WHERE lead_id = (SELECT id FROM leads WHERE email = :e)")
                .bind("e", "hebrew@example.com").execute());

        HttpResponse<String> page = node.http().get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Spring Sale"), page.body());

        HttpResponse<String> left = node.http().postForm(url, "sequence_id=" + sequenceId);
        assertEquals(303, left.statusCode());
        assertEquals("active", leadStatus("hebrew@example.com"));
        assertEquals("exited", node.tendril().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM enrollments WHERE lead_id = (SELECT id FROM leads WHERE"
                        + " email = :e)").bind("e", "hebrew@example.com").mapTo(String.class)
                .one()));
    }

    @Test
    void preferencesLeaveAllMail() throws Exception {
        String html = Mailings.part(Mailings.to(received, "cyrillic@example.com"), "text/html");
        Matcher matcher = Pattern.compile("href=\"(http[^\"]+/p/[A-Za-z0-9_-]{31})\"")
                .matcher(html);
        assertTrue(matcher.find(), html);

        for (String garbled : new String[] {"", "all=maybe", "sequence_id=abc"}) {
            HttpResponse<String> refused = node.http().postForm(matcher.group(1), garbled);
            assertEquals(400, refused.statusCode(), garbled);
            assertTrue(refused.body().contains("Nothing changed"), refused.body());
            assertEquals("active", leadStatus("cyrillic@example.com"), garbled);
        }

        HttpResponse<String> response = node.http().postForm(matcher.group(1), "all=1");
        assertEquals(200, response.statusCode());
        assertEquals("unsubscribed", leadStatus("cyrillic@example.com"));
    }

    @Test
    void forgedPreferencesTokenGets404() {
        assertEquals(404, node.http().get("/p/cAAAAAAAAAABAAAAAAAAAAAAAAAAAAA").statusCode());
    }

    private static String leadStatus(String email) {
        return node.tendril().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM leads WHERE email = :e").bind("e", email)
                .mapTo(String.class).one());
    }

    private static long countEvents(String email, String type) {
        return node.tendril().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM events WHERE type = :t AND lead_id = (SELECT id FROM leads"
                        + " WHERE email = :e)").bind("t", type).bind("e", email)
                .mapTo(Long.class).one());
    }

    private static String clickLocation(int index) throws Exception {
        MimeMessage message = Mailings.to(received, "cjk@example.com");
        String link = trackedLinks(message).get(index);
        HttpResponse<String> click = node.http().get(link, "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        assertEquals(302, click.statusCode(), link);
        return click.headers().firstValue("Location").orElseThrow();
    }

    private static List<String> trackedLinks(MimeMessage message) throws Exception {
        String html = Mailings.part(message, "text/html");
        Matcher matcher = Pattern.compile("href=\"(http[^\"]+/t/c/[^\"]+)\"").matcher(html);
        List<String> links = new ArrayList<>();
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        return links;
    }
}
