package io.tendril.capture;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field of a form: its name (the submission key), its type (email, text, textarea, phone,
 * checkbox, consent, hidden), what the visitor sees, and its validation rules.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormField(
        String name,
        String type,
        String label,
        String placeholder,
        String help,
        boolean required,
        Integer maxLength) {

    /** The length a text field gets when the form sets none; long enough for any real name. */
    public static final int DEFAULT_MAX_LENGTH = 255;
    /** The length a textarea gets when the form sets none. */
    public static final int DEFAULT_TEXTAREA_MAX_LENGTH = 5000;

    /** Returns the maximum length in characters (code points) this field accepts. */
    public int effectiveMaxLength() {
        if (maxLength != null) {
            return maxLength;
        }
        return "textarea".equals(type) ? DEFAULT_TEXTAREA_MAX_LENGTH : DEFAULT_MAX_LENGTH;
    }

    /** Returns true for the checkbox-like types whose value is on or off. */
    public boolean isCheckbox() {
        return "checkbox".equals(type) || "consent".equals(type);
    }
}
