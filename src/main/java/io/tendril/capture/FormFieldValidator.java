package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validates the {@code fields} array of a form definition; part of the forms API. */
final class FormFieldValidator {

    /** Submission keys with a meaning of their own, which no form field may take. */
    static final Set<String> RESERVED = reserved();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    /** The types each standard field may have: they end up in email headers or the lead row. */
    private static final Map<String, Set<String>> STANDARD_TYPES = Map.of(
            "email", Set.of("email"),
            "name", Set.of("text", "hidden"),
            "company", Set.of("text", "hidden", "select"),
            "phone", Set.of("phone", "text", "hidden"));
    private static final int MAX_PATTERN = 500;
    private static final Set<String> PROPERTIES = Set.of("name", "type", "label", "placeholder",
            "help", "required", "max_length", "pattern", "options", "default", "param");

    private FormFieldValidator() {
    }

    static List<FormField> validate(JsonNode node, JsonFields json) {
        List<FormField> fields = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            json.error("fields", "Must be an array of fields that includes"
                    + " {\"name\": \"email\", \"type\": \"email\"}.");
            return fields;
        }
        if (node.size() > FormDefinitionValidator.MAX_FIELDS) {
            json.error("fields", "Too many fields: at most " + FormDefinitionValidator.MAX_FIELDS
                    + ".");
            return fields;
        }
        Set<String> names = new HashSet<>();
        int consents = 0;
        for (int i = 0; i < node.size(); i++) {
            String path = "fields[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                json.error(path, "Must be an object with at least a name and a type.");
                continue;
            }
            json.unknownProperties(item, path + ".", PROPERTIES);
            FormField field = field(item, path, json);
            if (field == null) {
                continue;
            }
            if (!names.add(field.name())) {
                json.error(path + ".name", "Duplicate field name '" + field.name() + "'.");
            }
            consents += "consent".equals(field.type()) ? 1 : 0;
            fields.add(field);
        }
        if (!names.contains("email")) {
            json.error("fields", "Must include {\"name\": \"email\", \"type\": \"email\"}.");
        }
        if (consents > 1) {
            json.error("fields", "At most one field may have type 'consent'.");
        }
        return fields;
    }

    private static FormField field(JsonNode item, String path, JsonFields json) {
        String name = json.requiredString(item, "name", path + ".name", 40);
        String type = json.requiredString(item, "type", path + ".type", 20);
        if (name == null || type == null || !checkNameAndType(name, type, path, json)) {
            return null;
        }

        int maxLimit = "email".equals(type) ? 254 : 10_000;
        Integer maxLength = json.integer(item, "max_length", path + ".max_length", 1, maxLimit,
                null);
        String pattern = pattern(json.string(item, "pattern", path + ".pattern", MAX_PATTERN,
                false), type, path, json);
        List<String> options = json.strings(item, "options", path + ".options", 200, 200);
        boolean hasOptions = "select".equals(type) || "multi-select".equals(type);
        if (hasOptions && options.isEmpty()) {
            json.error(path + ".options", "A " + type + " field needs a non-empty list of"
                    + " options.");
        } else if (!hasOptions && !options.isEmpty()) {
            json.error(path + ".options", "Only select and multi-select fields have options.");
        }
        String defaultValue = json.string(item, "default", path + ".default", 2000, false);
        String param = json.string(item, "param", path + ".param", 64, false);
        if (!"hidden".equals(type) && (defaultValue != null || param != null)) {
            json.error(path, "Only hidden fields have a default or a param.");
        }
        if (param != null && !PARAM.matcher(param).matches()) {
            json.error(path + ".param", "Use letters, digits, '_', '.' and '-', such as"
                    + " 'partner_id'.");
        }
        // Every submission needs the email, whatever the form sets, so the field is stored as
        // required too.
        boolean required = json.bool(item, "required", path + ".required", false)
                || "email".equals(name);
        return new FormField(name, type,
                json.string(item, "label", path + ".label", 500, false),
                json.string(item, "placeholder", path + ".placeholder", 200, false),
                json.string(item, "help", path + ".help", 1000, false),
                required,
                maxLength, pattern, hasOptions ? List.copyOf(options) : null,
                defaultValue, param);
    }

    /** Checks a field's name and type; returns false when the type is unknown. */
    private static boolean checkNameAndType(String name, String type, String path,
            JsonFields json) {
        if (!NAME.matcher(name).matches()) {
            json.error(path + ".name", "Use 1 to 40 lowercase letters, digits and '_', starting"
                    + " with a letter, such as 'job_title'.");
        } else if (RESERVED.contains(name)) {
            json.error(path + ".name", "'" + name + "' is reserved; choose another name.");
        }
        if (!FormField.TYPES.contains(type)) {
            json.error(path + ".type", "Unknown type '" + type + "'; use one of "
                    + String.join(", ", FormField.TYPES.stream().sorted().toList()) + ".");
            return false;
        }
        Set<String> allowed = STANDARD_TYPES.get(name);
        if (allowed != null && !allowed.contains(type)) {
            json.error(path + ".type", "The '" + name + "' field must have type "
                    + String.join(" or ", allowed.stream().sorted().toList()) + ".");
        }
        return true;
    }

    /**
     * Returns {@code raw} when it compiles as a Java regular expression. The whole value must
     * match it.
     */
    private static String pattern(String raw, String type, String path, JsonFields json) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!Set.of("text", "textarea", "phone", "hidden", "number").contains(type)) {
            json.error(path + ".pattern", "Only text, textarea, phone, number and hidden fields"
                    + " take a pattern.");
            return null;
        }
        try {
            Pattern.compile(raw);
            return raw;
        } catch (PatternSyntaxException e) {
            json.error(path + ".pattern", "Not a valid regular expression: "
                    + e.getDescription() + ".");
            return null;
        }
    }

    private static Set<String> reserved() {
        Set<String> names = new HashSet<>(Set.of(SpamGuard.HONEYPOT, "time_zone", "consent_text"));
        names.addAll(List.of(Submission.ATTRIBUTION_FIELDS));
        return Set.copyOf(names);
    }
}
