package io.tendril.lead;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for a lead's custom attributes, shared by every API that sets them: lead edits and
 * CSV imports.
 */
public final class LeadAttributes {

    /** The maximum number of attributes that one change sets. */
    public static final int MAX_ATTRIBUTES = 50;
    /** The maximum length of an attribute name, in characters. */
    public static final int MAX_NAME = 64;
    /** The maximum length of an attribute value as JSON text, in characters. */
    public static final int MAX_VALUE = 2000;
    /**
     * The lead's own fields and the other columns of the CSV export, which no attribute may be
     * named after, so that an export has one column per name.
     */
    public static final Set<String> RESERVED = Set.of("id", "email", "name", "phone", "company",
            "time_zone", "stage", "tags", "score", "status", "created_at", "first_utm_source",
            "first_utm_medium", "first_utm_campaign");

    private LeadAttributes() {
    }

    /** Returns what is wrong with an attribute name, or null when it is valid. */
    public static String nameError(String name) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            return "Attribute names have 1 to " + MAX_NAME + " characters.";
        }
        if (RESERVED.contains(name.strip().toLowerCase(Locale.ROOT))) {
            return "'" + name + "' is a lead field or export column; name the attribute"
                    + " differently.";
        }
        return null;
    }

    /** Returns what is wrong with an attribute value other than null, or null when it is valid. */
    public static String valueError(JsonNode value) {
        if (!plain(value) && !(value.isArray() && allPlain(value))) {
            return "Must be a string, number, true, false, a list of those, or null to remove"
                    + " the attribute.";
        }
        if (value.toString().length() > MAX_VALUE) {
            return "Too long: at most " + MAX_VALUE + " characters.";
        }
        return null;
    }

    private static boolean plain(JsonNode value) {
        return value.isTextual() || value.isNumber() || value.isBoolean();
    }

    private static boolean allPlain(JsonNode array) {
        for (JsonNode item : array) {
            if (!plain(item)) {
                return false;
            }
        }
        return true;
    }
}
