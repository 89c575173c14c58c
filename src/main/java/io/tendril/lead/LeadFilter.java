package io.tendril.lead;

import io.tendril.http.ValidationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The leads a list or an export selects by status, stage and tag. A null part does not filter.
 */
public record LeadFilter(String status, String stage, String tag) {

    /** The statuses a filter may name; erased leads are never exported. */
    public static final List<String> STATUSES = List.of("active", "pending", "unsubscribed",
            "bounced", "complained");

    /**
     * Reads the filter from query parameters {@code status}, {@code stage} and {@code tag}.
     *
     * @throws ValidationException 422 naming each invalid parameter
     */
    public static LeadFilter parse(Function<String, String> params) {
        String status = blankToNull(params.apply("status"));
        String stage = blankToNull(params.apply("stage"));
        String tag = blankToNull(params.apply("tag"));
        if (status != null && !STATUSES.contains(status)) {
            throw ValidationException.of("status", "'" + status + "' is not one of "
                    + String.join(", ", STATUSES) + ".");
        }
        if (stage != null && !LeadLabels.isStage(stage)) {
            throw ValidationException.of("stage", LeadLabels.STAGE_RULE);
        }
        if (tag != null && tag.length() > LeadLabels.MAX_TAG) {
            throw ValidationException.of("tag", "Too long: at most " + LeadLabels.MAX_TAG
                    + " characters.");
        }
        return new LeadFilter(status, stage, tag);
    }

    /** Returns true when no part filters. */
    public boolean isEmpty() {
        return status == null && stage == null && tag == null;
    }

    /** Returns true when {@code lead} is one of the leads this filter selects. */
    public boolean matches(Lead lead) {
        return (status == null || status.equals(lead.status()))
                && (stage == null || stage.equals(lead.stage()))
                && (tag == null || lead.tags().contains(tag));
    }

    /**
     * Returns the filter as URL query parameters, each as {@code &name=value} with the value
     * URL-encoded, or an empty string when no part filters.
     */
    public String query() {
        StringBuilder query = new StringBuilder();
        append(query, "status", status);
        append(query, "stage", stage);
        append(query, "tag", tag);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
