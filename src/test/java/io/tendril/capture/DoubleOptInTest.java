package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.tracking.TokenSigner;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Double opt-in over real HTTP and SMTP: pending until the lead presses the button. */
class DoubleOptInTest {

    private static CaptureFixture fixture;
    private static long formId;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
        formId = fixture.createForm("""
                {"slug": "doi", "name": "Newsletter", "double_opt_in": true, "sequence_id": %d,
                 "consent_text": "Send me the newsletter.", "consent_version": 3,
                 "fields": [{"name": "email", "type": "email", "required": true},
                            {"name": "name", "type": "text"},
                            {"name": "consent", "type": "consent", "required": true}],
                 "spam": {"ip_limit": 1000, "email_limit": 1000}}
                """.formatted(fixture.welcomeSequence())).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private HttpResponse<String> submit(String email) {
        return fixture.http.postJson("/f/doi", "{\"email\": \"" + email + "\", \"name\":"
                + " \"Ida\", \"consent\": true, \"_render\": \"" + fixture.renderToken(formId)
                + "\"}");
    }

    private static String confirmPath(MimeMessage email) throws Exception {
        Matcher matcher = Pattern.compile("/confirm/[A-Za-z0-9_-]+").matcher(text(email));
        assertTrue(matcher.find(), "no confirmation link");
        return matcher.group();
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return (String) part.getContent();
        }
        StringBuilder all = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i)));
            }
        }
        return all.toString();
    }

    private String status(String email) {
        return fixture.string("SELECT status FROM leads WHERE email_key = ?", email);
    }

    private long enrollments(String email) {
        return fixture.count("SELECT count(*) FROM enrollments e JOIN leads l ON l.id = e.lead_id"
                + " WHERE l.email_key = ?", email);
    }

    @Test
    void leadStaysPendingUntilConfirmed() throws Exception {
        String email = "ida@example.com";
        HttpResponse<String> response = submit(email);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(Http.json(response).get("confirm").asBoolean());

        MimeMessage confirmation = fixture.awaitEmailsTo(email, 1).get(0);
        assertTrue(confirmation.getSubject().contains("confirm"), confirmation.getSubject());
        assertEquals("pending", status(email));
        assertEquals(0, enrollments(email));

        String path = confirmPath(confirmation);
        HttpResponse<String> page = fixture.http.get(path);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("method=\"post\""), page.body());
        assertEquals("pending", status(email));

        HttpResponse<String> confirmed = fixture.http.send(fixture.http.request(path)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, confirmed.statusCode());
        assertEquals("active", status(email));
        assertEquals(1, enrollments(email));
        fixture.awaitEmailsTo(email, 2);

        HttpResponse<String> again = fixture.http.send(fixture.http.request(path)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, again.statusCode());
        assertEquals(1, enrollments(email));
        assertEquals(3, Integer.parseInt(fixture.string("SELECT c.consent_version::text FROM"
                + " consents c JOIN leads l ON l.id = c.lead_id WHERE l.email_key = ?"
                + " AND c.confirmed_at IS NOT NULL", email)));
    }

    @Test
    void resendIsRateLimited() throws Exception {
        String email = "twice@example.com";
        HttpResponse<String> first = submit(email);
        HttpResponse<String> second = submit(email);
        assertEquals(first.body(), second.body());

        fixture.awaitEmailsTo(email, 1);
        assertEquals(2, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                + " ON l.id = c.lead_id WHERE l.email_key = ?", email));
        assertEquals(1, fixture.emailsTo(email).size());
    }

    @Test
    void expiredLinkGets410() {
        String token = fixture.signer.signTimed(TokenSigner.Kind.CONFIRM, 1,
                Instant.now().minusSeconds(60));
        assertEquals(410, fixture.http.get("/confirm/" + token).statusCode());
    }

    @Test
    void forgedLinkGets404() {
        String token = new TokenSigner("another-secret-0123456789-abcdefghijkl")
                .signTimed(TokenSigner.Kind.CONFIRM, 1, Instant.now().plusSeconds(600));
        assertEquals(404, fixture.http.get("/confirm/" + token).statusCode());
        assertEquals(404, fixture.http.send(fixture.http.request("/confirm/" + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void honeypotOnDoubleOptInSendsNothing() {
        HttpResponse<String> bot = fixture.http.postJson("/f/doi", "{\"email\":"
                + " \"doi-bot@example.com\", \"consent\": true, \"website\": \"x\", \"_render\":"
                + " \"" + fixture.renderToken(formId) + "\"}");
        assertEquals(200, bot.statusCode());
        assertTrue(Http.json(bot).get("confirm").asBoolean());
        assertEquals(0, fixture.count("SELECT count(*) FROM consents c JOIN leads l"
                + " ON l.id = c.lead_id WHERE l.email_key = ?", "doi-bot@example.com"));
    }
}
