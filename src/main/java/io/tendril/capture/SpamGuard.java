package io.tendril.capture;

import io.tendril.tracking.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges whether a submission comes from a bot. The checks, in order:
 *
 * <ul>
 *   <li>the honeypot field {@value #HONEYPOT}, hidden from people, must be empty;
 *   <li>the render token {@value #RENDER_TOKEN}, issued with the form definition or page, must be
 *       ours, for this form, at least the form's minimum fill time old and at most
 *       {@link #RENDER_TOKEN_LIFETIME} old; a missing token is spam when the form requires one;
 *   <li>with a proof of work on, {@value #POW} must be a nonce such that SHA-256 of the UTF-8
 *       bytes of render token followed by nonce starts with the form's number of zero bits,
 *       and one render token may carry at most {@link #POW_REUSE_LIMIT} submissions.
 * </ul>
 *
 * A submission judged as spam gets the success response and is kept in quarantine.
 */
public final class SpamGuard {

    /** The honeypot field: people leave it empty because they never see it. */
    public static final String HONEYPOT = "website";
    /** The field that carries the render token back. */
    public static final String RENDER_TOKEN = "_render";
    /** The field that carries the proof-of-work nonce. */
    public static final String POW = "_pow";
    /** How long a render token stays valid: a visitor may leave a page open for a day. */
    public static final Duration RENDER_TOKEN_LIFETIME = Duration.ofHours(24);
    /** The maximum number of submissions one solved challenge may carry, such as a retry. */
    static final int POW_REUSE_LIMIT = 3;
    private static final int MAX_NONCE_LENGTH = 64;

    private final TokenSigner signer;
    private final RateLimiter limiter;
    private final SecureRandom random = new SecureRandom();

    public SpamGuard(TokenSigner signer, RateLimiter limiter) {
        this.signer = signer;
        this.limiter = limiter;
    }

    /**
     * Returns a render token for {@code form} issued at {@code now}. The token's id carries the
     * form id in its low 32 bits and 31 random bits above them, so that two pages rendered in
     * the same second get different proof-of-work challenges.
     */
    public String renderToken(Form form, Instant now) {
        long nonce = random.nextInt() & 0x7FFF_FFFFL;
        return signer.signTimed(TokenSigner.Kind.RENDER, nonce << 32 | form.id(), now);
    }

    /** Returns why {@code submission} looks like spam, or empty when it passes every check. */
    public Optional<String> check(Form form, Submission submission, Instant now) {
        String honeypot = submission.value(HONEYPOT);
        if (honeypot != null && !honeypot.isBlank()) {
            return Optional.of("honeypot");
        }
        String token = submission.value(RENDER_TOKEN);
        Optional<String> render = checkRenderToken(form, token, now);
        if (render.isPresent()) {
            return render;
        }
        if (form.spam().powBits() > 0) {
            return checkProofOfWork(form, token, submission.value(POW));
        }
        return Optional.empty();
    }

    private Optional<String> checkRenderToken(Form form, String token, Instant now) {
        if (token == null || token.isBlank()) {
            boolean required = form.spam().requireRenderToken() || form.spam().powBits() > 0;
            return required ? Optional.of("render_token_missing") : Optional.empty();
        }
        Optional<TokenSigner.TimedToken> verified =
                signer.verifyTimed(TokenSigner.Kind.RENDER, token.strip());
        if (verified.isEmpty() || (verified.get().id() & 0xFFFF_FFFFL) != form.id()) {
            return Optional.of("render_token_invalid");
        }
        Duration age = Duration.between(verified.get().time(), now);
        if (age.compareTo(RENDER_TOKEN_LIFETIME) > 0) {
            return Optional.of("render_token_expired");
        }
        if (age.getSeconds() < form.spam().minFillSeconds()) {
            return Optional.of("too_fast");
        }
        return Optional.empty();
    }

    private Optional<String> checkProofOfWork(Form form, String challenge, String nonce) {
        if (challenge == null || nonce == null || nonce.isEmpty()
                || nonce.length() > MAX_NONCE_LENGTH) {
            return Optional.of("pow_missing");
        }
        if (leadingZeroBits(sha256(challenge.strip() + nonce)) < form.spam().powBits()) {
            return Optional.of("pow_invalid");
        }
        String bucket = "pow:" + signer.keyedHash("pow", challenge.strip());
        int lifetime = (int) RENDER_TOKEN_LIFETIME.toSeconds();
        if (limiter.hit(bucket, POW_REUSE_LIMIT, lifetime) > 0) {
            return Optional.of("pow_reused");
        }
        return Optional.empty();
    }

    /** Returns the number of leading zero bits of {@code digest}. */
    static int leadingZeroBits(byte[] digest) {
        int bits = 0;
        for (byte b : digest) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
        }
        return bits;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
