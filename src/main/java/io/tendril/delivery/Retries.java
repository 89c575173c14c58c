package io.tendril.delivery;

import java.time.Duration;

/**
 * The retry policy for temporary SMTP rejections (4xx). Attempt n+1 waits {@code backoff}
 * times 2^(n-1) after attempt n, and the message fails after {@code maxAttempts} attempts.
 */
public record Retries(int maxAttempts, Duration backoff) {

    /** 6 attempts, 1, 2, 4, 8 and 16 minutes apart: about half an hour in all. */
    public static final Retries DEFAULT = new Retries(6, Duration.ofMinutes(1));

    public Retries {
        if (maxAttempts < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("Retries need at least one attempt and a backoff"
                    + " of zero or more, got " + maxAttempts + " and " + backoff);
        }
    }
}
