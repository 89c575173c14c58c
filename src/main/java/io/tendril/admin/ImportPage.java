package io.tendril.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scope of the admin import page: the upload form, one import's outcome and the history. */
final class ImportPage {

    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
    };

    private ImportPage() {
    }

    /** Adds an import's outcome, as ImportService returns it, under {@code result}. */
    static void putResult(Map<String, Object> scope, Map<String, Object> imported) {
        Map<String, Object> result = new HashMap<>(imported);
        List<Map<String, Object>> skipped = rows(imported.get("skipped_lines"));
        List<Map<String, Object>> duplicates = rows(imported.get("duplicate_lines"));
        result.put("skippedLines", skipped);
        result.put("hasSkipped", !skipped.isEmpty());
        result.put("duplicateLines", duplicates);
        result.put("hasDuplicates", !duplicates.isEmpty());
        scope.put("result", result);
    }

    /** Adds a failed import's message and, for invalid rows, the listed row errors. */
    static void putFailure(Map<String, Object> scope, ApiException failure) {
        scope.put("error", failure.getMessage());
        Object errors = failure.details().get("errors");
        List<Map<String, Object>> rows = errors == null ? List.of() : rows(errors);
        scope.put("errors", rows);
        scope.put("hasErrors", !rows.isEmpty());
        Object fields = failure.details().get("fields");
        if (fields instanceof Map<?, ?> map) {
            scope.put("fieldErrors", map.entrySet().stream().map(e -> Map.of("field",
                    String.valueOf(e.getKey()), "message", String.valueOf(e.getValue())))
                    .toList());
        }
    }

    /** Adds the past imports, newest first. */
    static void putHistory(Map<String, Object> scope, List<Map<String, Object>> imports) {
        scope.put("imports", imports);
        scope.put("hasImports", !imports.isEmpty());
    }

    private static List<Map<String, Object>> rows(Object value) {
        return Json.MAPPER.convertValue(value, ROWS);
    }
}
