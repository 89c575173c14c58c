package io.tendril.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenSignerTest {

    private final TokenSigner signer = new TokenSigner("a-test-secret-that-is-long-enough-123");

    @Test
    void signedTokenVerifies() {
        String token = signer.sign(TokenSigner.Kind.CLICK, 12345L, 7);
        TokenSigner.Token verified = signer.verify(TokenSigner.Kind.CLICK, token).orElseThrow();
        assertEquals(12345L, verified.id());
        assertEquals(7, verified.index());
        assertEquals(31, token.length());
    }

    @Test
    void wrongKindIsRejected() {
        String token = signer.sign(TokenSigner.Kind.OPEN, 1L, 0);
        assertTrue(signer.verify(TokenSigner.Kind.CLICK, token).isEmpty());
    }

    @Test
    void otherSecretIsRejected() {
        String token = new TokenSigner("another-secret-that-is-long-enough-456")
                .sign(TokenSigner.Kind.CLICK, 1L, 0);
        assertTrue(signer.verify(TokenSigner.Kind.CLICK, token).isEmpty());
    }

    @Test
    void everySingleCharacterChangeIsRejected() {
        String token = signer.sign(TokenSigner.Kind.CLICK, 99L, 3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String forged = token.substring(0, i) + c + token.substring(i + 1);
                assertTrue(signer.verify(TokenSigner.Kind.CLICK, forged).isEmpty(), forged);
            }
        }
    }

    @Test
    void truncatedAndPaddedTokensAreRejected() {
        String token = signer.sign(TokenSigner.Kind.UNSUBSCRIBE, 5L, 0);
        assertTrue(signer.verify(TokenSigner.Kind.UNSUBSCRIBE, token.substring(0, 30)).isEmpty());
        assertTrue(signer.verify(TokenSigner.Kind.UNSUBSCRIBE, token + "A").isEmpty());
        assertTrue(signer.verify(TokenSigner.Kind.UNSUBSCRIBE, "").isEmpty());
        assertTrue(signer.verify(TokenSigner.Kind.UNSUBSCRIBE, null).isEmpty());
        assertTrue(signer.verify(TokenSigner.Kind.UNSUBSCRIBE, "!".repeat(31)).isEmpty());
    }
}
