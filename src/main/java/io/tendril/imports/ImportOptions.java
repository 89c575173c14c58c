package io.tendril.imports;

import io.tendril.capture.SubmissionValidator;
import io.tendril.http.ValidationException;
import io.tendril.lead.LeadLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of one CSV import.
 *
 * @param fileName the uploaded file's name, for the import history
 * @param delimiter null to detect it from the header line
 * @param tags added to every imported lead
 * @param update true to fill the columns the file names on existing leads; false to give them
 *     the tags only
 * @param skipInvalid true to import the valid rows and list the others; false to import nothing
 *     when a row is invalid
 */
public record ImportOptions(String fileName, Character delimiter, List<String> tags,
        boolean update, boolean skipInvalid) {

    private static final int MAX_FILE_NAME = 255;
    private static final Set<String> TRUE_VALUES = Set.of("true", "on", "1", "yes");
    private static final Set<String> FALSE_VALUES = Set.of("", "false", "off", "0", "no");

    /**
     * Reads the options from request parameters: {@code delimiter}, {@code tags},
     * {@code update} and {@code skip_invalid}.
     *
     * @throws ValidationException naming each invalid option
     */
    public static ImportOptions parse(String fileName, Function<String, String> parameter) {
        Map<String, String> errors = new LinkedHashMap<>();
        Character delimiter = delimiter(parameter.apply("delimiter"), errors);
        List<String> tags = tags(parameter.apply("tags"), errors);
        boolean update = flag("update", parameter.apply("update"), errors);
        boolean skipInvalid = flag("skip_invalid", parameter.apply("skip_invalid"), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String name = SubmissionValidator.clean(fileName, false);
        if (name.length() > MAX_FILE_NAME) {
            name = name.substring(0, MAX_FILE_NAME);
        }
        return new ImportOptions(name, delimiter, tags, update, skipInvalid);
    }

    /** Returns the options as the import history stores and shows them. */
    Map<String, Object> describe(char usedDelimiter) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("delimiter", String.valueOf(usedDelimiter));
        options.put("delimiter_detected", delimiter == null);
        options.put("tags", tags);
        options.put("update", update);
        options.put("skip_invalid", skipInvalid);
        return options;
    }

    private static Character delimiter(String raw, Map<String, String> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> {
                return ',';
            }
            case ";", "semicolon" -> {
                return ';';
            }
            case "\t", "tab", "\\t" -> {
                return '\t';
            }
            default -> {
                errors.put("delimiter", "'" + raw + "' is not a supported delimiter; use ','"
                        + " (comma), ';' (semicolon) or 'tab', or leave it out to detect it.");
                return null;
            }
        }
    }

    /** Parses comma-separated tags with the rules of a lead's tags. */
    private static List<String> tags(String raw, Map<String, String> errors) {
        List<String> tags = new ArrayList<>();
        String error = addTags(raw, tags);
        if (error != null) {
            errors.put("tags", error);
        }
        return List.copyOf(tags);
    }

    /**
     * Adds the comma-separated tags in {@code raw} to {@code tags}, skipping empty entries and
     * repeats; returns what is wrong with them, or null.
     */
    static String addTags(String raw, List<String> tags) {
        if (raw == null) {
            return null;
        }
        for (String part : raw.split(",")) {
            String tag = SubmissionValidator.clean(part, false);
            if (tag.isEmpty() || tags.contains(tag)) {
                continue;
            }
            if (tag.codePointCount(0, tag.length()) > LeadLabels.MAX_TAG) {
                return "Tag '" + tag + "' is too long: at most " + LeadLabels.MAX_TAG
                        + " characters.";
            }
            tags.add(tag);
        }
        if (tags.size() > LeadLabels.MAX_TAGS) {
            return "Too many tags: at most " + LeadLabels.MAX_TAGS + ".";
        }
        return null;
    }

    private static boolean flag(String name, String raw, Map<String, String> errors) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (TRUE_VALUES.contains(value)) {
            return true;
        }
        if (!FALSE_VALUES.contains(value)) {
            errors.put(name, "'" + raw + "' is not true or false.");
        }
        return false;
    }
}
