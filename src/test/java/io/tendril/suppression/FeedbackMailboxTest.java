package io.tendril.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tendril.config.MailSettings;
import io.tendril.db.Settings;
import io.tendril.support.Mailings;
import io.tendril.support.TestNode;
import io.tendril.tracking.TokenSigner;
import io.tendril.tracking.TrackingService;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bounce reports (DSN), complaint reports (ARF) and mailto unsubscribes delivered to a real
 * IMAP mailbox, which Tendril polls and applies.
 */
public class FeedbackMailboxTest {

    private static GreenMail imap;
    private static GreenMailUser mailbox;
    private static TestNode node;
    private static Jdbi jdbi;
    private static MimeMessage[] sent;

    @BeforeAll
    static void start() {
        imap = new GreenMail(new ServerSetup(0, "127.0.0.1", "imap").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser("feedback@acme.example", "feedback", "secret-pw"));
        imap.start();
        mailbox = imap.getUserManager().getUser("feedback");
        node = TestNode.start(Map.of(
                "TENDRIL_DEMO", "false",
                "TENDRIL_BOUNCE_DOMAIN", "bounces.acme.example",
                "TENDRIL_FEEDBACK_POLL_SECONDS", "1",
                "TENDRIL_FEEDBACK_MAILBOX_URL", "imap://feedback:secret-pw@127.0.0.1:"
                        + imap.getImap().getPort() + "/INBOX"));
        jdbi = node.tendril().database().jdbi();
        Mailings.Sequence sequence = Mailings.sequence(jdbi, "Feedback", "Hi {{name}}",
                "<p>Hello</p>", "Hello");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO steps (sequence_id, position,"
                + " wait_amount, subject_template, html_template) VALUES (:id, 2, 1440, 'Later',"
                + " '<p>Later</p>')").bind("id", sequence.id()).execute());
        for (String email : new String[] {"hard@example.com", "angry@example.com",
            "leaver@example.com", "verp@example.com", "pop@example.com"}) {
            Mailings.enroll(jdbi, email, "Lead", sequence.id());
        }
        sent = node.awaitEmails(5, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        node.close();
        imap.stop();
    }

    @Test
    void dsnHardBounceSuppressesLead() throws Exception {
        MimeMessage original = Mailings.to(sent, "hard@example.com");
        mailbox.deliver(parse(dsn(original.getMessageID(), "hard@example.com", "5.1.1")));

        awaitStatus("hard@example.com", "bounced");
        assertEquals("bounce", suppressionReason("hard@example.com"));
        assertEquals(1L, events("hard@example.com", "bounce"));
    }

    @Test
    void arfComplaintSuppressesAndUnsubscribes() throws Exception {
        MimeMessage original = Mailings.to(sent, "angry@example.com");
        mailbox.deliver(parse(arf(original.getMessageID(), "angry@example.com")));

        awaitStatus("angry@example.com", "complained");
        assertEquals("complaint", suppressionReason("angry@example.com"));
        assertEquals(1L, events("angry@example.com", "complaint"));
        assertEquals("exited", enrollmentStatus("angry@example.com"));
    }

    @Test
    void mailtoUnsubscribeIsApplied() throws Exception {
        MimeMessage original = Mailings.to(sent, "leaver@example.com");
        String header = MimeUtility.unfold(original.getHeader("List-Unsubscribe", null));
        Matcher mailto = Pattern.compile("<mailto:([^?>]+)").matcher(header);
        assertTrue(mailto.find(), header);
        mailbox.deliver(parse("From: leaver@example.com\r\nTo: " + mailto.group(1)
                + "\r\nSubject: unsubscribe\r\nMessage-ID: <u1@example.com>\r\n\r\n"
                + "unsubscribe\r\n"));

        awaitStatus("leaver@example.com", "unsubscribed");
        assertEquals(1L, events("leaver@example.com", "unsubscribe"));
    }

    @Test
    void bounceToVerpAddressFindsMessage() throws Exception {
        MimeMessage original = Mailings.to(sent, "verp@example.com");
        String returnPath = original.getHeader("Return-Path", null).replaceAll("[<>]", "");
        // A DSN naming neither the recipient nor the Message-ID: only the VERP address tells.
        mailbox.deliver(parse(dsn("<unknown@elsewhere.example>", "someone@elsewhere.example",
                "5.2.1").replace("To: feedback@acme.example", "To: " + returnPath)));

        awaitStatus("verp@example.com", "bounced");
    }

    @Test
    void autoReplyToVerpIsNoBounce() throws Exception {
        MimeMessage autoReply = parse("From: lead@example.com\r\nTo: b-x@bounces.acme.example\r\n"
                + "Subject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nAway\r\n");
        MimeMessage daemon = parse("From: MAILER-DAEMON@mx.example.net\r\nTo: b-x@bounces"
                + ".acme.example\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\nx\r\n");
        assertFalse(MailboxPoller.looksLikeBounce(autoReply));
        assertTrue(MailboxPoller.looksLikeBounce(daemon));
    }

    @Test
    void pop3MailboxIsPolled() throws Exception {
        GreenMail pop3 = new GreenMail(new ServerSetup(0, "127.0.0.1", "pop3").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser("pop@acme.example", "pop", "pop-pw"));
        pop3.start();
        try {
            MimeMessage original = Mailings.to(sent, "pop@example.com");
            pop3.getUserManager().getUser("pop").deliver(parse(dsn(original.getMessageID(),
                    "pop@example.com", "5.1.1")));
            Clock clock = Clock.systemUTC();
            MailSettings settings = MailSettings.defaults();
            TokenSigner signer = new TokenSigner(Settings.signingSecret(jdbi, null));
            FeedbackService feedback = new FeedbackService(jdbi, SuppressionList.empty(),
                    new Guardrail(jdbi, settings, clock), settings, clock);
            MailboxPoller poller = new MailboxPoller(URI.create("pop3://pop:pop-pw@127.0.0.1:"
                    + pop3.getPop3().getPort()), feedback, new TrackingService(jdbi, signer,
                    clock), signer, false);

            assertEquals(1, poller.poll());
            assertEquals("bounced", query("SELECT status FROM leads WHERE email ="
                    + " 'pop@example.com'"));
            assertEquals(0, pop3.getReceivedMessages().length);
        } finally {
            pop3.stop();
        }
    }

    private static String dsn(String messageId, String recipient, String status) {
        return """
                From: MAILER-DAEMON@mx.example.net\r
                To: feedback@acme.example\r
                Subject: Undelivered Mail Returned to Sender\r
                Message-ID: <dsn-%1$s@mx.example.net>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
                \r
                --B\r
                Content-Type: text/plain\r
                \r
                Your message could not be delivered.\r
                --B\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.example.net\r
                Arrival-Date: Fri, 4 Dec 2026 12:00:00 +0000\r
                \r
                Final-Recipient: rfc822; %2$s\r
                Action: failed\r
                Status: %3$s\r
                Diagnostic-Code: smtp; 550 %3$s No such user\r
                \r
                --B\r
                Content-Type: text/rfc822-headers\r
                \r
                From: team@acme.example\r
                To: %2$s\r
                Message-ID: %1$s\r
                Subject: Hi\r
                \r
                --B--\r
                """.formatted(messageId, recipient, status);
    }

    private static String arf(String messageId, String recipient) {
        return """
                From: fbl@isp.example\r
                To: feedback@acme.example\r
                Subject: FW: Hi\r
                Message-ID: <arf-%1$s@isp.example>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"\r
                \r
                --F\r
                Content-Type: text/plain\r
                \r
                This is an email abuse report.\r
                --F\r
                Content-Type: message/feedback-report\r
                \r
                Feedback-Type: abuse\r
                User-Agent: ExampleFBL/1.0\r
                Version: 1\r
                Original-Rcpt-To: %2$s\r
                \r
                --F\r
                Content-Type: message/rfc822\r
                \r
                From: team@acme.example\r
                To: %2$s\r
                Message-ID: %1$s\r
                Subject: Hi\r
                \r
                Hello\r
                --F--\r
                """.formatted(messageId, recipient);
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitStatus(String email, String status) throws InterruptedException {
        await(() -> status.equals(query("SELECT status FROM leads WHERE email = '" + email + "'")),
                "lead " + email + " to become " + status);
    }

    public static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String suppressionReason(String email) {
        return query("SELECT reason FROM suppressions WHERE email_key = '" + email + "'");
    }

    private static String enrollmentStatus(String email) {
        return query("SELECT e.status FROM enrollments e JOIN leads l ON l.id = e.lead_id"
                + " WHERE l.email = '" + email + "'");
    }

    private static long events(String email, String type) {
        return Long.parseLong(query("SELECT count(*) FROM events e JOIN leads l ON"
                + " l.id = e.lead_id WHERE l.email = '" + email + "' AND e.type = '" + type
                + "'"));
    }

    private static String query(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).findOne()
                .orElse(null));
    }
}
