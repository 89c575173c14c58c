package io.tendril.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submission as received, before validation: every posted value by name (a multi-select or a
 * repeated key has several), the JSON shape each value had, and the request's address hash and
 * user agent. A name without a shape was posted as text.
 */
public record Submission(Map<String, List<String>> values, Map<String, Shape> shapes,
        String ipHash, String userAgent) {

    /** The JSON type a value was posted as; urlencoded values are always {@link #TEXT}. */
    public enum Shape {
        TEXT, NUMBER, NON_FINITE_NUMBER, BOOLEAN, LIST, OBJECT,
        /** An array with an object, array, null or non-finite number among its items. */
        NESTED_LIST
    }

    /** The attribution fields kept with every submission and on the lead's touches. */
    public static final String[] ATTRIBUTION_FIELDS = {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid",
        "referrer", "page_url"
    };

    /**
     * Creates a submission whose values were all posted as text.
     * NOTE: a quarantined submission is stored without its shapes, so releasing one that was
     * posted as JSON does not reject a list or an object where one value belongs.
     */
    public Submission(Map<String, List<String>> values, String ipHash, String userAgent) {
        this(values, Map.of(), ipHash, userAgent);
    }

    /** Returns the JSON shape {@code name} was posted as; {@link Shape#TEXT} when unknown. */
    public Shape shape(String name) {
        return shapes.getOrDefault(name, Shape.TEXT);
    }

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
