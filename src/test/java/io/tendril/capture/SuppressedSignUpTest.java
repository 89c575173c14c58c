package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An address on the suppression list that signs up becomes a lead that is never enrolled. */
class SuppressedSignUpTest {

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
                + " \"Sam\", \"consent\": true}");
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

        assertEquals(status, fixture.string("SELECT status FROM leads WHERE email_key = ?",
                email));
        assertEquals(0, fixture.count("SELECT count(*) FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email_key = ?", email));
        assertEquals(1, fixture.count("SELECT count(*) FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email_key = ?", "new-" + email));
        assertEquals(1, fixture.count("SELECT count(*) FROM submissions s JOIN leads l"
                + " ON l.id = s.lead_id WHERE l.email_key = ?", email));
    }
}
