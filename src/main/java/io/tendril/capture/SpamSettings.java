package io.tendril.capture;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A form's spam defence. A submission faster than {@code minFillSeconds} after its render token
 * was issued, or without a token when one is required, goes to quarantine; {@code powBits} above
 * 0 asks for a proof of work of that many leading zero bits. The limits allow {@code ipLimit}
 * submissions per IP address every {@code ipLimitSeconds}, and {@code emailLimit} per email
 * address every {@code emailLimitSeconds}; past them the answer is 429.
 */
public record SpamSettings(
        @JsonProperty("min_fill_seconds") int minFillSeconds,
        @JsonProperty("require_render_token") boolean requireRenderToken,
        @JsonProperty("pow_bits") int powBits,
        @JsonProperty("ip_limit") int ipLimit,
        @JsonProperty("ip_limit_seconds") int ipLimitSeconds,
        @JsonProperty("email_limit") int emailLimit,
        @JsonProperty("email_limit_seconds") int emailLimitSeconds) {

    /** The settings a form created through the API starts with. */
    public static final SpamSettings DEFAULTS = new SpamSettings(3, true, 0, 20, 60, 5, 3600);

    /** The most leading zero bits a form may ask for: about 16 million hashes on average. */
    public static final int MAX_POW_BITS = 24;
}
