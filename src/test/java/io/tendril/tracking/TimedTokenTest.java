package io.tendril.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimedTokenTest {

    private final TokenSigner signer = new TokenSigner("timed-token-test-secret-0123456789");
    private final Instant time = Instant.parse("2026-03-31T12:00:00Z");

    @Test
    void roundTripKeepsIdAndTime() {
        String token = signer.signTimed(TokenSigner.Kind.CONFIRM, 42, time);
        TokenSigner.TimedToken verified =
                signer.verifyTimed(TokenSigner.Kind.CONFIRM, token).orElseThrow();
        assertEquals(39, token.length());
        assertEquals(42, verified.id());
        assertEquals(time, verified.time());
    }

    @Test
    void otherKindIsRejected() {
        String token = signer.signTimed(TokenSigner.Kind.RENDER, 42, time);
        assertTrue(signer.verifyTimed(TokenSigner.Kind.CONFIRM, token).isEmpty());
    }

    @Test
    void changedTimeIsRejected() {
        String token = signer.signTimed(TokenSigner.Kind.CONFIRM, 42, time);
        String later = signer.signTimed(TokenSigner.Kind.CONFIRM, 42, time.plusSeconds(86_400));
        String forged = token.substring(0, 12) + later.substring(12, 23) + token.substring(23);
        assertTrue(signer.verifyTimed(TokenSigner.Kind.CONFIRM, forged).isEmpty());
    }

    @Test
    void otherSecretIsRejected() {
        String token = new TokenSigner("another-secret-0123456789-abcdefghij")
                .signTimed(TokenSigner.Kind.CONFIRM, 42, time);
        assertTrue(signer.verifyTimed(TokenSigner.Kind.CONFIRM, token).isEmpty());
    }

    @Test
    void untimedTokenIsRejected() {
        String token = signer.sign(TokenSigner.Kind.CONFIRM, 42, 0);
        assertTrue(signer.verifyTimed(TokenSigner.Kind.CONFIRM, token).isEmpty());
    }
}
