package io.tendril.capture;

import io.tendril.http.ValidationException;
import io.tendril.lead.EmailAddress;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a submission against its form, field by field and type by type; every problem is
 * reported at once, by field name. Values the form does not define are ignored, except the
 * standard fields (name, phone, company), the attribution fields and the time zone.
 */
public final class SubmissionValidator {

    /** Attribution values longer than this are cut: a long landing URL must not lose a lead. */
    static final int MAX_ATTRIBUTION_LENGTH = 2000;
    private static final String CHECKBOX_VALUES =
            " must be true or false (on, off, 1, 0, yes or no also work).";
    private static final Set<String> STANDARD_FIELDS = Set.of("email", "name", "phone", "company");
    /** The attribution fields that hold a URL; only http and https URLs are kept. */
    private static final Set<String> URL_FIELDS = Set.of("referrer", "page_url");

    private SubmissionValidator() {
    }

    /**
     * Validates {@code submission} against {@code form}.
     *
     * @throws ValidationException mapping each invalid field to what is wrong with it
     */
    public static ValidSubmission validate(Form form, Submission submission) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> clean = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        Map<String, EmailAddress> emails = new LinkedHashMap<>();
        checkFormFields(form, submission, errors, clean, custom, emails);
        checkStandardFields(submission, errors, clean, emails);

        // An email field's check has already parsed the address, which costs an IDNA pass.
        EmailAddress email = emails.get("email");
        if (email == null && !errors.containsKey("email")) {
            try {
                email = EmailAddress.parse(clean.get("email"));
            } catch (EmailAddress.InvalidEmailException e) {
                errors.put("email", e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }

        boolean consent = form.consentField()
                .map(f -> FieldRules.isTicked(clean.get(f.name())))
                .orElse(false);
        return new ValidSubmission(email, clean.get("name"), clean.get("phone"),
                clean.get("company"), custom, attribution(submission),
                timeZone(submission.shape("time_zone") == Submission.Shape.TEXT
                        ? submission.value("time_zone") : null), consent);
    }

    /**
     * Checks each field the form defines; fills {@code clean}, {@code custom} and, with each
     * valid email field's address, {@code emails}.
     */
    private static void checkFormFields(Form form, Submission submission,
            Map<String, String> errors, Map<String, String> clean, Map<String, Object> custom,
            Map<String, EmailAddress> emails) {
        for (FormField field : form.fields()) {
            if ("multi-select".equals(field.type())) {
                List<String> chosen = multiSelect(field, submission, errors);
                if (!chosen.isEmpty()) {
                    custom.put(field.name(), chosen);
                }
                continue;
            }
            String value = value(field, submission);
            String shapeError = shapeError(field, submission.shape(field.name()));
            if (shapeError != null) {
                errors.put(field.name(), shapeError);
            } else {
                checkField(field, value, errors, emails);
            }
            clean.put(field.name(), value);
            if ("checkbox".equals(field.type())) {
                custom.put(field.name(), FieldRules.isTicked(value));
            } else if (!STANDARD_FIELDS.contains(field.name()) && !field.isCheckbox()
                    && !value.isEmpty()) {
                custom.put(field.name(), value);
            }
        }
    }

    /** Checks name, phone and company as text when the form does not define them. */
    private static void checkStandardFields(Submission submission, Map<String, String> errors,
            Map<String, String> clean, Map<String, EmailAddress> emails) {
        for (String standard : STANDARD_FIELDS) {
            if (!clean.containsKey(standard)) {
                String value = clean(submission.value(standard), false);
                FormField field = new FormField(standard, "text", null, null, null, false,
                        null);
                String shapeError = shapeError(field, submission.shape(standard));
                if (shapeError != null) {
                    errors.put(standard, shapeError);
                } else {
                    checkField(field, value, errors, emails);
                }
                clean.put(standard, value);
            }
        }
    }

    /** Returns the field's cleaned value; a hidden field left empty takes its default. */
    private static String value(FormField field, Submission submission) {
        String value = clean(submission.value(field.name()), "textarea".equals(field.type()));
        if (value.isEmpty() && "hidden".equals(field.type()) && field.defaultValue() != null) {
            return field.defaultValue();
        }
        return value;
    }

    private static List<String> multiSelect(FormField field, Submission submission,
            Map<String, String> errors) {
        List<String> chosen = new ArrayList<>();
        for (String raw : submission.all(field.name())) {
            String value = clean(raw, false);
            if (!value.isEmpty() && !chosen.contains(value)) {
                chosen.add(value);
            }
        }
        String label = label(field);
        Submission.Shape shape = submission.shape(field.name());
        if (shape == Submission.Shape.OBJECT || shape == Submission.Shape.NESTED_LIST
                || shape == Submission.Shape.NON_FINITE_NUMBER) {
            errors.put(field.name(), label + " must be a list of the listed options.");
        } else if (field.required() && chosen.isEmpty()) {
            errors.put(field.name(), label + ": choose at least one option.");
        } else {
            FieldRules.checkOptions(field, chosen, label, errors);
        }
        return chosen;
    }

    /**
     * Returns what is wrong with the JSON shape of a one-value field, or null. A JSON number is
     * accepted as its text in any text-like field, but never a non-finite one.
     */
    private static String shapeError(FormField field, Submission.Shape shape) {
        String label = label(field);
        if (field.isCheckbox()) {
            return switch (shape) {
                case TEXT, NUMBER, BOOLEAN -> null;
                default -> label + CHECKBOX_VALUES;
            };
        }
        return switch (shape) {
            case TEXT, NUMBER -> null;
            case LIST, NESTED_LIST -> label + " must be a single value, not a list.";
            case OBJECT -> label + " must be a single value, not an object.";
            case BOOLEAN -> label + " must be text, not true or false.";
            case NON_FINITE_NUMBER -> label + " must be a finite number or text.";
        };
    }

    private static void checkField(FormField field, String value, Map<String, String> errors,
            Map<String, EmailAddress> emails) {
        String label = label(field);
        if (field.isCheckbox()) {
            if (!FieldRules.isCheckboxValue(value)) {
                errors.put(field.name(), label + CHECKBOX_VALUES);
            } else if (field.required() && !FieldRules.isTicked(value)) {
                errors.put(field.name(), "consent".equals(field.type())
                        ? "Please tick this box to agree."
                        : label + " must be ticked.");
            }
            return;
        }
        if (value.isEmpty()) {
            if (field.required()) {
                errors.put(field.name(), label + " is required.");
            }
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length > field.effectiveMaxLength()) {
            errors.put(field.name(), label + " is too long: " + length + " characters, at most "
                    + field.effectiveMaxLength() + ".");
            return;
        }
        FieldRules.check(field, value, label, errors, emails);
    }

    /**
     * Returns the attribution values worth keeping. Unlike form fields, a bad attribution value
     * is dropped or cut, never a 422: the visitor did not type it and must not lose the
     * submission over it. Non-text values are dropped, and so are a page URL or referrer that
     * is not http(s). Long values are cut at a code point, so no surrogate pair is split.
     */
    private static Map<String, String> attribution(Submission submission) {
        Map<String, String> attribution = new LinkedHashMap<>();
        for (String name : Submission.ATTRIBUTION_FIELDS) {
            if (submission.shape(name) != Submission.Shape.TEXT) {
                continue;
            }
            String value = clean(submission.value(name), false);
            if (URL_FIELDS.contains(name) && !isHttpUrl(value)) {
                continue;
            }
            if (!value.isEmpty()) {
                attribution.put(name, truncate(value, MAX_ATTRIBUTION_LENGTH));
            }
        }
        return attribution;
    }

    private static boolean isHttpUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Returns the IANA zone id, or null for anything else: the time zone is lenient too. */
    private static String timeZone(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            return null;
        }
        try {
            return ZoneId.of(raw.strip()).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Returns {@code raw} trimmed, with control characters, line and paragraph separators
     * turned into spaces, so that no value can carry a line break into an email header.
     * Multi-line fields keep their line feeds (CR LF becomes LF). Unpaired surrogates and the
     * noncharacters U+FFFE and U+FFFF are removed: they cannot be stored as UTF-8. Everything
     * else, including right-to-left marks and emoji joiners, is kept exactly.
     */
    public static String clean(String raw, boolean multiline) {
        if (raw == null) {
            return "";
        }
        if (isClean(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if (multiline && c == '\n') {
                out.append('\n');
            } else if (c == '\r' && multiline) {
                return;
            } else if (Character.isSurrogate((char) c) && c <= 0xFFFF
                    || c == 0xFFFE || c == 0xFFFF) {
                return;
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString().strip();
    }

    /**
     * Returns whether {@link #clean} would return {@code raw} unchanged: no control character,
     * line or paragraph separator, surrogate or noncharacter, and no space at either end. Most
     * values pass, and this check costs a fraction of the code point walk in a CSV import.
     */
    private static boolean isClean(String raw) {
        if (!raw.isEmpty() && (Character.isWhitespace(raw.charAt(0))
                || Character.isWhitespace(raw.charAt(raw.length() - 1)))) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
                    || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code value} cut to {@code max} code points. */
    static String truncate(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    private static String label(FormField field) {
        return field.displayLabel();
    }
}
