package io.tendril.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign parameters added to the targets of tracked links. A link that already has any
 * {@code utm_} parameter keeps the author's campaign tagging unchanged; new parameters go
 * before the fragment, so {@code #} anchors keep working.
 */
public record Utm(String source, String medium, String campaign) {

    /** Returns {@code url} with the missing utm_ parameters appended to its query. */
    public String appendTo(String url) {
        int hash = url.indexOf('#');
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        int question = beforeFragment.indexOf('?');
        String query = question < 0 ? "" : beforeFragment.substring(question + 1);

        if (("&" + query).contains("&utm_")) {
            return url;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("utm_source", source);
        parameters.put("utm_medium", medium);
        parameters.put("utm_campaign", campaign);
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null && !parameter.getValue().isBlank()) {
                added.add(parameter.getKey() + "="
                        + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            }
        }
        if (added.isEmpty()) {
            return url;
        }

        String separator = question < 0 ? (hasPath(beforeFragment) ? "?" : "/?")
                : query.isEmpty() || query.endsWith("&") ? "" : "&";
        return beforeFragment + separator + String.join("&", added) + fragment;
    }

    private static boolean hasPath(String url) {
        int scheme = url.indexOf("://");
        return scheme >= 0 && url.indexOf('/', scheme + 3) >= 0;
    }
}
