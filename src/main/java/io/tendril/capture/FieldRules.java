package io.tendril.capture;

import io.tendril.lead.EmailAddress;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of one field type against one cleaned value; part of submission validation. */
final class FieldRules {

    /**
     * The values of a ticked checkbox: JSON true, an HTML checkbox's default "on", "1" and
     * "yes".
     * Anything outside these and {@link #FALSE_VALUES} is rejected, never read as unticked.
     */
    static final Set<String> TRUE_VALUES = Set.of("true", "on", "1", "yes");
    /** The values of an unticked checkbox; an HTML form leaves the field out instead. */
    static final Set<String> FALSE_VALUES = Set.of("", "false", "off", "0", "no");
    private static final Pattern PHONE =
            Pattern.compile("\\+?[0-9 ().\\-/]+((?:ext\\.?|x) ?[0-9]{1,6})?",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]{1,30}(\\.[0-9]{1,30})?");

    private FieldRules() {
    }

    /**
     * Checks a text-like value; {@code value} is non-empty and within the length limit. The
     * address of a valid email field goes into {@code emails} under the field's name.
     */
    static void check(FormField field, String value, String label, Map<String, String> errors,
            Map<String, EmailAddress> emails) {
        String error = switch (field.type()) {
            case "email" -> email(field, value, emails);
            case "phone" -> phone(value);
            case "number" -> NUMBER.matcher(value).matches() ? null
                    : label + " must be a number, such as 42 or 3.5.";
            case "date" -> date(value);
            case "select" -> field.options().contains(value) ? null
                    : label + ": choose one of the listed options.";
            default -> null;
        };
        if (error == null && field.pattern() != null
                && !Pattern.compile(field.pattern()).matcher(value).matches()) {
            // NOTE: the marketer's pattern runs with Java's backtracking engine on at most
            // max_length characters; a pathological pattern can still take long on such input.
            error = label + " is not in the expected format" + formatExample(field) + ".";
        }
        if (error != null) {
            errors.put(field.name(), error);
        }
    }

    /**
     * Returns how a value of a field with a pattern should look, from the field's placeholder
     * (an example) or else its help text, since the pattern itself means little to a visitor.
     */
    private static String formatExample(FormField field) {
        if (field.placeholder() != null && !field.placeholder().isBlank()) {
            return ", such as " + field.placeholder().strip();
        }
        if (field.help() != null && !field.help().isBlank()) {
            return " (" + field.help().strip().replaceAll("[.]+$", "") + ")";
        }
        return "";
    }

    /** Checks the values of a multi-select: each must be one of its options. */
    static void checkOptions(FormField field, List<String> values, String label,
            Map<String, String> errors) {
        for (String value : values) {
            if (!field.options().contains(value)) {
                errors.put(field.name(), label + ": '" + value + "' is not one of the options.");
                return;
            }
        }
    }

    /** Returns true when {@code value} is one of the ticked or unticked checkbox values. */
    static boolean isCheckboxValue(String value) {
        return value == null || isTicked(value)
                || FALSE_VALUES.contains(value.toLowerCase(Locale.ROOT));
    }

    static boolean isTicked(String value) {
        return value != null && TRUE_VALUES.contains(value.toLowerCase(Locale.ROOT));
    }

    private static String email(FormField field, String value, Map<String, EmailAddress> emails) {
        try {
            emails.put(field.name(), EmailAddress.parse(value));
            return null;
        } catch (EmailAddress.InvalidEmailException e) {
            return e.getMessage();
        }
    }

    /** Accepts international and local notations with 5 to 15 digits (E.164 allows 15). */
    private static String phone(String value) {
        int digits = 0;
        String number = value.toLowerCase(Locale.ROOT).split("ext|x")[0];
        for (int i = 0; i < number.length(); i++) {
            digits += Character.isDigit(number.charAt(i)) ? 1 : 0;
        }
        if (PHONE.matcher(value).matches() && digits >= 5 && digits <= 15) {
            return null;
        }
        return "Enter a phone number such as +1 555 123 4567.";
    }

    private static String date(String value) {
        try {
            LocalDate.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            return "Enter a date as YYYY-MM-DD, such as 2026-03-31.";
        }
    }
}
