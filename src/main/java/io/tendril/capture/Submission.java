package io.tendril.capture;

import java.util.Map;

/**
 * A submission as received, before validation: every posted value by name, and what the request
 * itself tells (address hash, user agent, origin).
 */
public record Submission(Map<String, String> values, String ipHash, String userAgent) {

    /** The attribution fields kept with every submission and on the lead's touches. */
    public static final String[] ATTRIBUTION_FIELDS = {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid",
        "referrer", "page_url"
    };

    public String value(String name) {
        return values.get(name);
    }
}
