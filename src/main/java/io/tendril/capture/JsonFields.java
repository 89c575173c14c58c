package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads typed values out of a JSON object and records what is wrong with each under its path
 * (such as {@code fields[2].options}), so that one 422 lists every bad value at once.
 */
public final class JsonFields {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private final Map<String, String> errors;

    public JsonFields(Map<String, String> errors) {
        this.errors = errors;
    }

    public void error(String path, String message) {
        errors.putIfAbsent(path, message);
    }

    /** Returns the string at {@code key}, stripped, or null when absent, null or invalid. */
    public String string(JsonNode object, String key, String path, int maxLength,
            boolean multiline) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            error(path, "Must be a string.");
            return null;
        }
        String value = node.asText().strip();
        String checked = multiline ? value.replace("\r\n", " ").replace('\n', ' ')
                .replace('\t', ' ') : value;
        if (CONTROL.matcher(checked).find()) {
            error(path, multiline ? "Must not contain control characters other than line breaks"
                    + " and tabs." : "Must not contain line breaks or control characters.");
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            error(path, "Too long: at most " + maxLength + " characters.");
            return null;
        }
        return value;
    }

    /** Returns the string at {@code key}, or reports it missing. */
    public String requiredString(JsonNode object, String key, String path, int maxLength) {
        String value = string(object, key, path, maxLength, false);
        if (value == null || value.isEmpty()) {
            error(path, "Is required.");
            return null;
        }
        return value;
    }

    /** Returns the integer at {@code key} within [min, max], or {@code fallback} when absent. */
    public Integer integer(JsonNode object, String key, String path, int min, int max,
            Integer fallback) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()
                || node.asInt() < min || node.asInt() > max) {
            error(path, "Must be a whole number from " + min + " to " + max + ".");
            return fallback;
        }
        return node.asInt();
    }

    public boolean bool(JsonNode object, String key, String path, boolean fallback) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            error(path, "Must be true or false.");
            return fallback;
        }
        return node.asBoolean();
    }

    /** Returns the strings of the array at {@code key}; empty when absent. */
    public List<String> strings(JsonNode object, String key, String path, int maxItems,
            int maxLength) {
        JsonNode node = object.get(key);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            error(path, "Must be an array of strings.");
            return values;
        }
        if (node.size() > maxItems) {
            error(path, "Too many entries: at most " + maxItems + ".");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = path + "[" + i + "]";
            if (!item.isTextual() || item.asText().isBlank()) {
                error(itemPath, "Must be a non-empty string.");
                continue;
            }
            String value = item.asText().strip();
            if (CONTROL.matcher(value).find()) {
                error(itemPath, "Must not contain line breaks or control characters.");
            } else if (value.codePointCount(0, value.length()) > maxLength) {
                error(itemPath, "Too long: at most " + maxLength + " characters.");
            } else if (values.contains(value)) {
                error(itemPath, "Duplicate entry '" + value + "'.");
            } else {
                values.add(value);
            }
        }
        return values;
    }

    /** Returns the object at {@code key}, an empty object when absent, or null when invalid. */
    public JsonNode object(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            error(path, "Must be an object.");
            return null;
        }
        return node;
    }
}
