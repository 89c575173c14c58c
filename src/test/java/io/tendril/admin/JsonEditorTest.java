package io.tendril.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.http.ValidationException;
import org.junit.jupiter.api.Test;

/** Syntax errors in an admin JSON editor read without Jackson's internal source locations. */
class JsonEditorTest {

    private static String error(String text) {
        return assertThrows(ValidationException.class, () -> JsonEditor.parse(text, "steps"))
                .fields().get("steps");
    }

    @Test
    void unclosedArrayNamesLine() {
        assertEquals("Not valid JSON: Unexpected end-of-input: expected close marker for Array"
                + " (line 2, column 11).", error("{\"steps\": [\n  {\"a\": 1}"));
    }

    @Test
    void strayCharacterNamesColumn() {
        String message = error("{\"steps\": x}");
        assertTrue(message.startsWith("Not valid JSON: Unrecognized token 'x'"), message);
        assertFalse(message.contains("Source"), message);
    }
}
