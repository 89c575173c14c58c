package io.tendril.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** 422: one or more fields are invalid; {@code fields} maps each field to what is wrong. */
public final class ValidationException extends ApiException {

    private final Map<String, String> fields;

    public ValidationException(Map<String, String> fields) {
        super(422, "validation_failed", summary(fields), Map.of("fields", fields));
        this.fields = Map.copyOf(new LinkedHashMap<>(fields));
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, message));
    }

    public Map<String, String> fields() {
        return fields;
    }

    private static String summary(Map<String, String> fields) {
        return fields.size() == 1
                ? "Invalid " + fields.keySet().iterator().next() + ": "
                        + fields.values().iterator().next()
                : fields.size() + " fields are invalid: " + String.join(", ", fields.keySet())
                        + ".";
    }
}
