package io.tendril.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helpers for admin pages that edit a definition as JSON in a text area and save it through
 * the API's validation: parsing with the line of a syntax error, pretty printing, and turning
 * a rejection into one row per problem.
 */
public final class JsonEditor {

    private JsonEditor() {
    }

    /** Parses the text of the text area {@code field}; a syntax error is a 422 on it. */
    public static JsonNode parse(String text, String field) {
        try {
            return Json.MAPPER.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw ValidationException.of(field, "Not valid JSON: " + Json.parseError(e) + ".");
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** Returns one row per problem: the path of the bad value ("" when none) and the message. */
    public static List<Map<String, String>> errors(ApiException e) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (e instanceof ValidationException validation) {
            validation.fields().forEach((path, message) -> rows.add(Map.of("path", path,
                    "message", message)));
        } else {
            rows.add(Map.of("path", "", "message", e.getMessage()));
        }
        return rows;
    }

    /** Puts {@code errors} (null when none) into a page scope as "errors" and "hasErrors". */
    public static void putErrors(Map<String, Object> scope, List<Map<String, String>> errors) {
        scope.put("errors", errors == null ? List.of() : errors);
        scope.put("hasErrors", errors != null && !errors.isEmpty());
    }
}
