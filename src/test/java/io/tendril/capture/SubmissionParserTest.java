package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionParserTest {

    private static Map<String, List<String>> form(String body) {
        return SubmissionParser.urlencoded(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void plusAndPercentDecodeAsUtf8() {
        assertEquals(List.of("Zoë Ñ"), form("name=Zo%C3%AB+%C3%91").get("name"));
    }

    @Test
    void repeatedKeysKeepEveryValue() {
        assertEquals(List.of("api", "sms"), form("t=api&t=sms").get("t"));
    }

    @Test
    void invalidUtf8ValueIsNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> form("email=a%40example.com&name=%C3%28"));
        assertTrue(e.fields().containsKey("name"));
    }

    @Test
    void brokenPercentEscapeIsNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> form("name=100%&city=%zz"));
        assertEquals(2, e.fields().size());
    }

    @Test
    void invalidNameIsIgnored() {
        assertEquals(Map.of("email", List.of("a@example.com")), form("%FF=x&email=a@example.com"));
    }

    @Test
    void rawUtf8BytesAreDecoded() {
        byte[] body = "name=王芳".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("王芳"), SubmissionParser.urlencoded(body).get("name"));
    }

    @Test
    void jsonArraysBecomeValueLists() {
        Map<String, List<String>> values = SubmissionParser.json(
                "{\"t\": [\"api\", 2, null, {\"x\": 1}], \"ok\": true, \"n\": null}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("api", "2"), values.get("t"));
        assertEquals(List.of("true"), values.get("ok"));
        assertEquals(List.of(), values.get("n"));
    }

    @Test
    void invalidUtf8JsonIsBadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> SubmissionParser.json(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}));
        assertEquals(400, e.status());
    }
}
