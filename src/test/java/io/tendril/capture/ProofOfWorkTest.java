package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The optional proof of work, solved the way the widget solves it, and the email limit. */
class ProofOfWorkTest {

    private static final int BITS = 10;
    private static CaptureFixture fixture;
    private static long formId;

    @BeforeAll
    static void start() {
        fixture = new CaptureFixture();
        formId = fixture.createForm("""
                {"slug": "pow", "name": "Proof of work",
                 "fields": [{"name": "email", "type": "email", "required": true}],
                 "spam": {"pow_bits": %d, "ip_limit": 1000, "email_limit": 2,
                          "email_limit_seconds": 3600}}
                """.formatted(BITS)).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Finds a nonce: SHA-256 of challenge then nonce, as UTF-8, starts with BITS zero bits. */
    static String solve(String challenge, int bits) {
        for (long nonce = 0; ; nonce++) {
            String candidate = Long.toString(nonce, 36);
            if (SpamGuard.leadingZeroBits(SpamGuard.sha256(challenge + candidate)) >= bits) {
                return candidate;
            }
        }
    }

    private HttpResponse<String> post(String email, String token, String nonce) {
        return fixture.http.postJson("/f/pow", "{\"email\": \"" + email + "\", \"_render\": \""
                + token + "\", \"_pow\": \"" + nonce + "\"}");
    }

    private String reason(String email) {
        return fixture.string("SELECT spam_reason FROM submissions WHERE payload->'email'->>0 = ?"
                + " ORDER BY id DESC LIMIT 1", email);
    }

    @Test
    void solvedChallengeIsAccepted() {
        String token = fixture.renderToken(formId);
        HttpResponse<String> response = post("solver@example.com", token, solve(token, BITS));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, fixture.count("SELECT count(*) FROM leads WHERE email_key = ?",
                "solver@example.com"));
    }

    @Test
    void wrongNonceIsQuarantined() {
        String token = fixture.renderToken(formId);
        String nonce = "x";
        while (SpamGuard.leadingZeroBits(SpamGuard.sha256(token + nonce)) >= BITS) {
            nonce += "x";
        }
        post("lazy@example.com", token, nonce);
        assertEquals("pow_invalid", reason("lazy@example.com"));
    }

    @Test
    void reusedSolutionIsQuarantined() {
        String token = fixture.renderToken(formId);
        String nonce = solve(token, BITS);
        for (int i = 0; i < SpamGuard.POW_REUSE_LIMIT; i++) {
            post("reuse" + i + "@example.com", token, nonce);
        }
        post("reuse-last@example.com", token, nonce);
        assertEquals("pow_reused", reason("reuse-last@example.com"));
    }

    @Test
    void leadingZeroBitsCountsAcrossBytes() {
        assertEquals(8 + 3, SpamGuard.leadingZeroBits(new byte[] {0, 0x10, 0}));
        assertEquals(0, SpamGuard.leadingZeroBits(new byte[] {(byte) 0x80}));
    }

    @Test
    void emailLimitAnswers429() {
        String email = "often@example.com";
        for (int i = 0; i < 2; i++) {
            String token = fixture.renderToken(formId);
            assertEquals(200, post(email, token, solve(token, BITS)).statusCode());
        }
        String token = fixture.renderToken(formId);
        HttpResponse<String> third = post(email, token, solve(token, BITS));
        assertEquals(429, third.statusCode());
        assertEquals(true, third.headers().firstValue("Retry-After").isPresent());
    }
}
