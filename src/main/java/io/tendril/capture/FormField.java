package io.tendril.capture;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/**
 * One field of a form: its name (the submission key), its type, what the visitor sees, and its
 * validation rules. A hidden field takes its value from {@code param}, the named query parameter
 * of the host page, else from {@code defaultValue}. The same JSON shape is stored in
 * {@code forms.fields} and returned by the forms API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormField(
        String name,
        String type,
        String label,
        String placeholder,
        String help,
        boolean required,
        @JsonProperty("max_length") @JsonAlias("maxLength") Integer maxLength,
        String pattern,
        List<String> options,
        @JsonProperty("default") String defaultValue,
        String param) {

    /** Every field type a form may use. */
    public static final Set<String> TYPES = Set.of("email", "text", "textarea", "phone", "number",
            "date", "select", "multi-select", "checkbox", "consent", "hidden");
    /** The length a text field gets when the form sets none; long enough for any real name. */
    public static final int DEFAULT_MAX_LENGTH = 255;
    /** The length a textarea gets when the form sets none. */
    public static final int DEFAULT_TEXTAREA_MAX_LENGTH = 5000;

    /** Creates a field without pattern, options, default or parameter. */
    public FormField(String name, String type, String label, String placeholder, String help,
            boolean required, Integer maxLength) {
        this(name, type, label, placeholder, help, required, maxLength, null, null, null, null);
    }

    /** Returns the maximum length in characters (code points) this field accepts. */
    public int effectiveMaxLength() {
        if (maxLength != null) {
            return maxLength;
        }
        return "textarea".equals(type) ? DEFAULT_TEXTAREA_MAX_LENGTH : DEFAULT_MAX_LENGTH;
    }

    /** Returns the label, or when the form sets none, the name with a capital and spaces. */
    @JsonIgnore
    public String displayLabel() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('_', ' ');
    }

    /** Returns true for the checkbox-like types whose value is on or off. */
    @JsonIgnore
    public boolean isCheckbox() {
        return "checkbox".equals(type) || "consent".equals(type);
    }

    /** Returns true for the types whose value is one or more of {@code options}. */
    @JsonIgnore
    public boolean hasOptions() {
        return "select".equals(type) || "multi-select".equals(type);
    }
}
