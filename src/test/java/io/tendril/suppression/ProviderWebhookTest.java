package io.tendril.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.tendril.config.MailSettings;
import io.tendril.http.ErrorMapper;
import io.tendril.http.Pages;
import io.tendril.support.Http;
import io.tendril.support.Mailings;
import io.tendril.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhooks of Amazon SES (through SNS), SendGrid, Postmark and Mailgun over real HTTP,
 * their authentication, soft-bounce counting, and the guardrail that pauses a sequence.
 */
class ProviderWebhookTest {

    static final String SECRET = "webhook-secret-0123456789";

    private static HttpServer alerts;
    private static final BlockingQueue<String> ALERTS = new ArrayBlockingQueue<>(10);
    private static TestNode node;
    private static Jdbi jdbi;
    private static MimeMessage[] sent;
    private static Mailings.Sequence small;
    private static final SnsTestSigner SNS = new SnsTestSigner();
    private static Javalin snsServer;
    private static Http sns;

    @BeforeAll
    static void start() throws Exception {
        alerts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alerts.createContext("/alert", exchange -> {
            ALERTS.add(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        alerts.start();
        node = TestNode.start(Map.of(
                "TENDRIL_DEMO", "false",
                "TENDRIL_WEBHOOK_SECRET", SECRET,
                "TENDRIL_SOFT_BOUNCE_LIMIT", "2",
                "TENDRIL_GUARDRAIL_MIN_SENDS", "3",
                "TENDRIL_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + alerts.getAddress().getPort()
                        + "/alert"));
        jdbi = node.tendril().database().jdbi();
        Mailings.Sequence large = Mailings.sequence(jdbi, "Large", "Hi", "<p>Hi</p>", "Hi");
        for (int i = 0; i < 200; i++) {
            Mailings.enroll(jdbi, "lead" + i + "@example.com", "Lead", large.id());
        }
        Mailings.Sequence complaints = Mailings.sequence(jdbi, "Complaints", "Hi", "<p>Hi</p>",
                "Hi");
        for (String email : new String[] {"c1@example.com", "c2@example.com",
            "c3@example.com"}) {
            Mailings.enroll(jdbi, email, "Lead", complaints.id());
        }
        small = Mailings.sequence(jdbi, "Small", "Hi", "<p>Hi</p>", "Hi");
        for (String email : new String[] {"s1@example.com", "s2@example.com",
            "s3@example.com"}) {
            Mailings.enroll(jdbi, email, "Lead", small.id());
        }
        sent = node.awaitEmails(206, Duration.ofSeconds(30));
        startSnsServer();
    }

    /**
     * The webhook routes on the node's database, with SNS certificates from the test signer
     * instead of Amazon, since only loopback is reachable.
     */
    private static void startSnsServer() {
        Clock clock = Clock.systemUTC();
        SuppressionService suppressions = new SuppressionService(jdbi, clock);
        Guardrail guardrail = new Guardrail(jdbi, MailSettings.defaults(), clock);
        FeedbackService feedback = new FeedbackService(jdbi, suppressions.list(), guardrail,
                MailSettings.defaults(), clock);
        SuppressionRoutes routes = new SuppressionRoutes(suppressions, feedback, guardrail,
                SECRET, new SnsSignature(SNS));
        snsServer = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            routes.register(javalin.routes);
            ErrorMapper.install(javalin.routes, new Pages());
        }).start("127.0.0.1", 0);
        sns = new Http("http://127.0.0.1:" + snsServer.port());
    }

    @AfterAll
    static void stop() {
        snsServer.stop();
        node.close();
        alerts.stop(0);
    }

    @Test
    void signedSesBounceSuppresses() throws Exception {
        String envelope = SNS.notification(sesBounce("lead1@example.com")).toString();
        assertEquals(200, sns.postJson("/webhooks/ses/" + SECRET, envelope).statusCode());

        assertEquals("bounced", status("lead1@example.com"));
        assertEquals("bounce", suppression("lead1@example.com"));
    }

    @Test
    void tamperedSesBounceIsRejected() throws Exception {
        ObjectNode envelope = SNS.notification(sesBounce("lead11@example.com"));
        envelope.put("Message", envelope.get("Message").asText().replace("Permanent",
                "Permanent "));
        HttpResponse<String> response = sns.postJson("/webhooks/ses/" + SECRET,
                envelope.toString());

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("invalid_signature"), response.body());
        assertEquals("active", status("lead11@example.com"));
    }

    @Test
    void foreignCertificateHostIsRejectedUnfetched() throws Exception {
        ObjectNode envelope = SNS.notification(sesBounce("lead12@example.com"));
        envelope.put("SigningCertURL", "https://certs.example.net/sns.pem");
        int fetches = SNS.fetched.size();
        HttpResponse<String> response = sns.postJson("/webhooks/ses/" + SECRET,
                SNS.sign(envelope).toString());

        assertEquals(403, response.statusCode());
        assertEquals(fetches, SNS.fetched.size());
        assertEquals("active", status("lead12@example.com"));
    }

    @Test
    void unsignedSesBounceIsRejected() throws Exception {
        String envelope = io.tendril.http.Json.write(Map.of("Type", "Notification",
                "MessageId", "sns-1", "Message", sesBounce("lead13@example.com")));
        assertEquals(403, post("/webhooks/ses/" + SECRET, envelope).statusCode());

        assertEquals("active", status("lead13@example.com"));
    }

    /** An SES permanent bounce of the email sent to {@code email}, named by Message-ID. */
    private static String sesBounce(String email) throws Exception {
        String messageId = Mailings.to(sent, email).getMessageID();
        return """
                {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
                 "bouncedRecipients":[{"emailAddress":"%s","status":"5.1.1",
                 "diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},
                 "mail":{"messageId":"0100018c-ses","commonHeaders":{"messageId":"%s"}}}
                """.formatted(email, messageId);
    }

    @Test
    void sendGridSpamReportIsComplaint() {
        String body = """
                [{"email":"c1@example.com","event":"spamreport","timestamp":1733300000},
                 {"email":"c1@example.com","event":"open","timestamp":1733300001}]""";
        assertEquals(200, post("/webhooks/sendgrid/" + SECRET, body).statusCode());

        assertEquals("complained", status("c1@example.com"));
        assertEquals("complaint", suppression("c1@example.com"));
    }

    @Test
    void sendGridSoftBouncesSuppressAtLimit() {
        String body = """
                [{"email":"lead3@example.com","event":"bounce","type":"blocked",
                  "status":"4.7.0","reason":"try again later"}]""";
        post("/webhooks/sendgrid/" + SECRET, body);
        assertEquals("active", status("lead3@example.com"));

        post("/webhooks/sendgrid/" + SECRET, body);
        assertEquals("bounced", status("lead3@example.com"));
    }

    @Test
    void postmarkHardBounceWithBasicAuth() {
        String body = """
                {"RecordType":"Bounce","Type":"HardBounce","TypeCode":1,
                 "Email":"Lead4@Example.com","Description":"The server was unable to deliver"}""";
        String basic = Base64.getEncoder().encodeToString(("postmark:" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = node.http().postJson("/webhooks/postmark", body,
                "Authorization", "Basic " + basic);
        assertEquals(200, response.statusCode(), response.body());

        assertEquals("bounced", status("lead4@example.com"));
    }

    @Test
    void postmarkSpamComplaint() {
        String body = """
                {"RecordType":"SpamComplaint","Type":"SpamComplaint","Email":"c2@example.com"}""";
        post("/webhooks/postmark/" + SECRET, body);
        assertEquals("complained", status("c2@example.com"));
    }

    @Test
    void mailgunPermanentFailureByMessageId() throws Exception {
        String messageId = Mailings.to(sent, "lead6@example.com").getMessageID();
        String body = """
                {"signature":{"timestamp":"1733300000","token":"t","signature":"s"},
                 "event-data":{"event":"failed","severity":"permanent",
                  "recipient":"somebody-else@example.com",
                  "delivery-status":{"code":550,"message":"No such mailbox"},
                  "message":{"headers":{"message-id":"%s"}}}}"""
                .formatted(messageId.replaceAll("[<>]", ""));
        post("/webhooks/mailgun/" + SECRET, body);
        assertEquals("bounced", status("lead6@example.com"));
    }

    @Test
    void mailgunComplaint() {
        String body = """
                {"event-data":{"event":"complained","recipient":"c3@example.com"}}""";
        post("/webhooks/mailgun/" + SECRET, body);
        assertEquals("complained", status("c3@example.com"));
    }

    @Test
    void smtpRejectionSuppressesLead() {
        long messageId = jdbi.withHandle(h -> h.createQuery("SELECT m.id FROM messages m JOIN"
                + " leads l ON l.id = m.lead_id WHERE l.email = 'lead10@example.com'")
                .mapTo(Long.class).one());
        FeedbackService feedback = new FeedbackService(jdbi, SuppressionList.empty(),
                new Guardrail(jdbi, MailSettings.defaults(), Clock.systemUTC()),
                MailSettings.defaults(), Clock.systemUTC());

        feedback.apply(Feedback.smtpRejection(messageId, "550 5.1.1 No such user"));

        assertEquals("bounced", status("lead10@example.com"));
        assertEquals("bounce", suppression("lead10@example.com"));
    }

    @Test
    void wrongSecretIsRejected() {
        HttpResponse<String> response = post("/webhooks/sendgrid/wrong-secret-123456789",
                "[{\"email\":\"lead8@example.com\",\"event\":\"spamreport\"}]");
        assertEquals(401, response.statusCode());
        assertEquals("active", status("lead8@example.com"));
    }

    @Test
    void malformedBodyAnswers400() {
        assertEquals(400, post("/webhooks/postmark/" + SECRET, "{not json").statusCode());
    }

    @Test
    void guardrailPausesSequenceAndAlerts() throws Exception {
        String body = """
                [{"email":"s1@example.com","event":"bounce","type":"bounce","status":"5.1.1"}]""";
        post("/webhooks/sendgrid/" + SECRET, body);

        assertEquals("paused", jdbi.withHandle(h -> h.createQuery(
                "SELECT status FROM sequences WHERE id = :id").bind("id", small.id())
                .mapTo(String.class).one()));
        String alert = ALERTS.poll(10, TimeUnit.SECONDS);
        assertNotNull(alert, "no alert webhook call within 10 s");
        assertTrue(alert.contains("\"sending_paused\""), alert);
        JsonNode open = Http.json(node.http().get("/api/v1/alerts", "Authorization",
                "Bearer " + node.apiToken())).get("data");
        String kind = null;
        for (JsonNode row : open) {
            if (row.get("sequence_id").asLong() == small.id()) {
                kind = row.get("kind").asText();
            }
        }
        assertEquals("bounce_rate", kind);
    }

    @Test
    void bouncesBelowLimitKeepSequenceActive() {
        post("/webhooks/sendgrid/" + SECRET, """
                [{"email":"lead9@example.com","event":"bounce","type":"bounce"}]""");
        assertEquals("bounced", status("lead9@example.com"));
        assertEquals("active", jdbi.withHandle(h -> h.createQuery(
                "SELECT status FROM sequences WHERE name = 'Large'").mapTo(String.class).one()));
    }

    private static HttpResponse<String> post(String path, String body) {
        return node.http().postJson(path, body);
    }

    private static String status(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM leads WHERE email_key = :e")
                .bind("e", email.toLowerCase(java.util.Locale.ROOT)).mapTo(String.class).one());
    }

    private static String suppression(String email) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT reason FROM suppressions WHERE email_key = :e").bind("e", email)
                .mapTo(String.class).findOne().orElse(null));
    }
}
