package io.tendril.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the tokens in tracking, unsubscribe and confirmation links. A token is
 * base64url(kind, id, index, HMAC-SHA256 truncated to 96 bits), 31 characters, so a forged or
 * truncated token fails verification without a database lookup.
 */
public final class TokenSigner {

    /** The purpose of a token. It is signed, so an open token never works as a click token. */
    public enum Kind {
        OPEN('o'), CLICK('c'), UNSUBSCRIBE('u'), CONFIRM('k'), RENDER('r'), BOUNCE('b'),
        PREFERENCES('p');

        private final byte code;

        Kind(char code) {
            this.code = (byte) code;
        }
    }

    /** A verified token: its kind, the id it names (a message id) and an index (a link). */
    public record Token(Kind kind, long id, int index) {
    }

    /**
     * A verified timed token: its kind, the id it names and the time it carries, which is an
     * expiry or an issue time as its kind defines.
     */
    public record TimedToken(Kind kind, long id, Instant time) {
    }

    private static final int PAYLOAD_LENGTH = 1 + Long.BYTES + Short.BYTES;
    private static final int TIMED_PAYLOAD_LENGTH = 1 + Long.BYTES + Long.BYTES;
    /** The length of a timed token: 29 bytes in base64url without padding. */
    private static final int TIMED_TOKEN_LENGTH = 39;
    private static final int MAC_LENGTH = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public TokenSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Returns a token for {@code kind} naming {@code id} and {@code index} (0 to 65535). */
    public String sign(Kind kind, long id, int index) {
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD_LENGTH + MAC_LENGTH);
        buffer.put(kind.code).putLong(id).putShort((short) index);
        byte[] mac = mac(buffer.array(), PAYLOAD_LENGTH);
        buffer.put(mac, 0, MAC_LENGTH);
        return ENCODER.encodeToString(buffer.array());
    }

    /** Returns the token's contents when it is well formed, of {@code kind} and signed by us. */
    public Optional<Token> verify(Kind kind, String token) {
        if (token == null || token.length() != 31) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Base64 ignores the unused low bits of the last character, so a token that differs
        // only there decodes to the same bytes. Only the canonical spelling is accepted.
        boolean canonical = ENCODER.encodeToString(bytes).equals(token);
        if (!canonical || bytes.length != PAYLOAD_LENGTH + MAC_LENGTH || bytes[0] != kind.code) {
            return Optional.empty();
        }
        byte[] expected = mac(bytes, PAYLOAD_LENGTH);
        byte[] given = new byte[MAC_LENGTH];
        System.arraycopy(bytes, PAYLOAD_LENGTH, given, 0, MAC_LENGTH);
        byte[] truncated = new byte[MAC_LENGTH];
        System.arraycopy(expected, 0, truncated, 0, MAC_LENGTH);
        if (!MessageDigest.isEqual(truncated, given)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, PAYLOAD_LENGTH - 1);
        long id = buffer.getLong();
        int index = Short.toUnsignedInt(buffer.getShort());
        return Optional.of(new Token(kind, id, index));
    }

    /**
     * Returns a timed token, base64url(kind, id, epoch seconds, HMAC-SHA256 truncated to 96
     * bits), 39 characters. Callers decide what the time means and check it themselves.
     */
    public String signTimed(Kind kind, long id, Instant time) {
        ByteBuffer buffer = ByteBuffer.allocate(TIMED_PAYLOAD_LENGTH + MAC_LENGTH);
        buffer.put(kind.code).putLong(id).putLong(time.getEpochSecond());
        byte[] mac = mac(buffer.array(), TIMED_PAYLOAD_LENGTH);
        buffer.put(mac, 0, MAC_LENGTH);
        return ENCODER.encodeToString(buffer.array());
    }

    /** Returns the timed token's contents when it is well formed, of {@code kind} and ours. */
    public Optional<TimedToken> verifyTimed(Kind kind, String token) {
        if (token == null || token.length() != TIMED_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean canonical = ENCODER.encodeToString(bytes).equals(token);
        if (!canonical || bytes.length != TIMED_PAYLOAD_LENGTH + MAC_LENGTH
                || bytes[0] != kind.code) {
            return Optional.empty();
        }
        byte[] expected = Arrays.copyOf(mac(bytes, TIMED_PAYLOAD_LENGTH), MAC_LENGTH);
        byte[] given = Arrays.copyOfRange(bytes, TIMED_PAYLOAD_LENGTH, bytes.length);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, TIMED_PAYLOAD_LENGTH - 1);
        long id = buffer.getLong();
        return Optional.of(new TimedToken(kind, id, Instant.ofEpochSecond(buffer.getLong())));
    }

    /** Returns a keyed hash of an IP address, so the ledger can match repeats without the IP. */
    public String hashIp(String ip) {
        return keyedHash("ip", ip);
    }

    /**
     * Returns a keyed hash (HMAC-SHA256, 128 bits in hex) of {@code value} for {@code purpose},
     * so that rows can match repeats of a value without storing it.
     */
    public String keyedHash(String purpose, String value) {
        byte[] digest = mac((purpose + ":" + value).getBytes(StandardCharsets.UTF_8), -1);
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private byte[] mac(byte[] input, int length) {
        Mac mac = macs.get();
        mac.update(input, 0, length < 0 ? input.length : length);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
