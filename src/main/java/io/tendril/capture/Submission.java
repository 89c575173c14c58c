package io.tendril.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submission as received, before validation: every posted value by name (a multi-select or a
 * repeated key has several), and what the request itself tells (address hash, user agent).
 */
public record Submission(Map<String, List<String>> values, String ipHash, String userAgent) {

    /** The attribution fields kept with every submission and on the lead's touches. */
    public static final String[] ATTRIBUTION_FIELDS = {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid",
        "referrer", "page_url"
    };

    /** Returns the first value posted under {@code name}, or null. */
    public String value(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? null : all.get(0);
    }

    /** Returns every value posted under {@code name}; empty when none. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Returns each name with its values joined by ", ", as a re-rendered form shows them. */
    public Map<String, String> flat() {
        Map<String, String> flat = new LinkedHashMap<>();
        values.forEach((name, all) -> flat.put(name, String.join(", ", all)));
        return flat;
    }
}
