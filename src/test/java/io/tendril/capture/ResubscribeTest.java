package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Mime;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An unsubscribed lead who signs up again is mailed only after confirming the address, and an
 * address on the suppression list that signs up is never enrolled.
 */
class ResubscribeTest {

    private static CaptureFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private HttpResponse<String> signUp(String email) {
        return fixture.http.postJson("/f/demo", "{\"email\": \"" + email + "\", \"name\":"
                + " \"Ren\", \"consent\": true}");
    }

    private String status(String email) {
        return fixture.string("SELECT status FROM leads WHERE email_key = ?", email);
    }

    private String suppressionCsv() {
        return fixture.http.get("/api/v1/suppressions?format=csv", fixture.auth()).body();
    }

    private HttpResponse<String> post(String url) {
        return fixture.http.send(fixture.http.request(url)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void resubscribeWaitsForConfirmation() throws Exception {
        String email = "ren@example.com";
        assertEquals(200, signUp(email).statusCode());
        MimeMessage welcome = fixture.awaitEmailsTo(email, 1).get(0);
        Matcher https = Pattern.compile("<(https?://[^>]+)>")
                .matcher(welcome.getHeader("List-Unsubscribe", null));
        assertTrue(https.find(), "no https unsubscribe URL");
        assertEquals(200, post(https.group(1)).statusCode());
        assertEquals("unsubscribed", status(email));
        assertTrue(suppressionCsv().contains("\r\nren@example.com,unsubscribe,lead,"),
                "an unsubscribed lead is on the exported list");
        HttpResponse<String> removal = fixture.api("DELETE", "/api/v1/suppressions/" + email,
                null);
        assertEquals(409, removal.statusCode(), removal.body());

        HttpResponse<String> again = signUp(email);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(signUp("new-" + email).body(), again.body(),
                "the answer must not reveal that the address is known");
        assertEquals("unsubscribed", status(email));

        List<MimeMessage> emails = fixture.awaitEmailsTo(email, 2);
        MimeMessage confirmation = emails.get(1);
        assertTrue(confirmation.getSubject().contains("confirm"), confirmation.getSubject());
        Matcher link = Pattern.compile("/confirm/[A-Za-z0-9_-]+")
                .matcher(Mime.allText(confirmation));
        assertTrue(link.find(), "no confirmation link");

        assertEquals(200, post(link.group()).statusCode());
        assertEquals("active", status(email));
        assertFalse(suppressionCsv().contains(email), "a confirmed lead leaves the list");
    }

    @ParameterizedTest
    @CsvSource({"manual, unsubscribed", "unsubscribe, unsubscribed", "bounce, bounced",
            "complaint, complained"})
    void suppressedSignUpNotEnrolled(String reason, String status) {
        String email = reason + "-sam@example.com";
        HttpResponse<String> imported = fixture.api("POST", "/api/v1/suppressions",
                "{\"emails\": [\"" + email + "\"], \"reason\": \"" + reason + "\"}");
        assertEquals(200, imported.statusCode(), imported.body());

        HttpResponse<String> response = signUp(email);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(signUp("new-" + email).body(), response.body(),
                "the response must not reveal that the address is suppressed");

        assertEquals(status, status(email));
        assertEquals(0, fixture.count("SELECT count(*) FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email_key = ?", email));
        assertEquals(1, fixture.count("SELECT count(*) FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email_key = ?", "new-" + email));
        assertEquals(1, fixture.count("SELECT count(*) FROM submissions s JOIN leads l"
                + " ON l.id = s.lead_id WHERE l.email_key = ?", email));
    }
}
