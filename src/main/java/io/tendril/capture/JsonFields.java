package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Returns the tags of the array at {@code key}, as {@link #strings} reads them, and reports
     * each tag with a comma: CSV imports and exports separate tags with commas.
     */
    public List<String> tags(JsonNode object, String key, String path, int maxItems,
            int maxLength) {
        List<String> tags = strings(object, key, path, maxItems, maxLength);
        for (int i = 0; i < tags.size(); i++) {
            String problem = tagError(tags.get(i));
            if (problem != null) {
                error(path + "[" + i + "]", problem);
            }
        }
        return tags;
    }

    /** Returns what is wrong with a tag that is otherwise valid, or null. */
    public static String tagError(String tag) {
        return tag.indexOf(',') < 0 ? null : "Tag '" + tag + "' contains a comma, which"
                + " separates tags in CSV files; use another character.";
    }

    /**
     * Reports each property of {@code object} that is not in {@code known}, at the path
     * {@code prefix} + its name, where {@code prefix} is "" or ends with a dot. The message
     * suggests the key the property obviously means, else lists the known keys. When nothing in
     * {@code known} matches, keys of other objects in {@code elsewhere}, such as
     * {@code spam.pow_bits}, may be suggested.
     */
    public void unknownProperties(JsonNode object, String prefix, Set<String> known,
            Set<String> elsewhere) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (known.contains(name)) {
                continue;
            }
            Optional<String> suggestion = suggestion(name, known);
            if (suggestion.isEmpty()) {
                suggestion = suggestion(name, elsewhere);
            }
            error(prefix + name, suggestion.map(key -> "Unknown property; did you mean " + key
                    + "?").orElse("Unknown property. Known properties: "
                            + String.join(", ", new TreeSet<>(known)) + "."));
        }
    }

    /** Reports each property of {@code object} that is not in {@code known}. */
    public void unknownProperties(JsonNode object, String prefix, Set<String> known) {
        unknownProperties(object, prefix, known, Set.of());
    }

    /**
     * Throws a 422 naming each property of the request body {@code object} that is not in
     * {@code known}, so that a misspelt option is never ignored without a word.
     */
    public static void rejectUnknown(JsonNode object, Set<String> known) {
        Map<String, String> errors = new LinkedHashMap<>();
        new JsonFields(errors).unknownProperties(object, "", known);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * Returns the key of {@code candidates} that {@code name} obviously means: the one equal to
     * its snake_case form (so {@code doubleOptIn}, {@code Double-Opt-In} and
     * {@code double_opt_in} match), else the only one a single typo away. A candidate may be a
     * path such as {@code spam.pow_bits}, and then matches by its last segment.
     */
    public static Optional<String> suggestion(String name, Set<String> candidates) {
        String snake = snakeCase(name);
        for (String candidate : candidates) {
            if (lastSegment(candidate).equals(snake)) {
                return Optional.of(candidate);
            }
        }
        if (snake.length() < 4) {
            return Optional.empty();
        }
        List<String> near = candidates.stream()
                .filter(candidate -> oneEditApart(snake, lastSegment(candidate)))
                .toList();
        return near.size() == 1 ? Optional.of(near.get(0)) : Optional.empty();
    }

    private static String snakeCase(String name) {
        String words = name.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return words.toLowerCase(Locale.ROOT).replaceAll("[-\\s]+", "_");
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * Returns true when one insertion, deletion, substitution or swap of neighbouring letters
     * turns {@code a} into {@code b}.
     */
    private static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        if (shorter.length() < longer.length()) {
            return shorter.substring(i).equals(longer.substring(i + 1));
        }
        boolean swapped = i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1)
                && a.charAt(i + 1) == b.charAt(i) && a.substring(i + 2).equals(b.substring(i + 2));
        return swapped || a.substring(i + 1).equals(b.substring(i + 1));
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
