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

    private static SubmissionParser.Body parsed(String body) {
        return SubmissionParser.urlencoded(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Map<String, List<String>> form(String body) {
        SubmissionParser.Body parsed = parsed(body);
        parsed.checkDecoded();
        return parsed.values();
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
    void invalidUtf8KeepsOtherValues() {
        SubmissionParser.Body body = parsed("email=a%40example.com&consent=on&name=%FF%FE");
        assertEquals(Map.of("email", List.of("a@example.com"), "consent", List.of("on")),
                body.values());
        assertTrue(body.errors().containsKey("name"));
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
        assertEquals(List.of("王芳"), SubmissionParser.urlencoded(body).values().get("name"));
    }

    @Test
    void jsonArraysBecomeValueLists() {
        SubmissionParser.Body body = SubmissionParser.json(
                "{\"t\": [\"api\", 2, null, {\"x\": 1}], \"ok\": true, \"n\": null}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("api", "2"), body.values().get("t"));
        assertEquals(List.of("true"), body.values().get("ok"));
        assertEquals(List.of(), body.values().get("n"));
        assertEquals(Submission.Shape.NESTED_LIST, body.shapes().get("t"));
        assertEquals(Submission.Shape.BOOLEAN, body.shapes().get("ok"));
    }

    @Test
    void jsonShapesAreRecorded() {
        SubmissionParser.Body body = SubmissionParser.json(("{\"a\": [\"x\"], \"o\": {\"x\": 1},"
                + " \"n\": 42, \"inf\": 1e999, \"s\": \"x\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(Submission.Shape.LIST, body.shapes().get("a"));
        assertEquals(Submission.Shape.OBJECT, body.shapes().get("o"));
        assertEquals(Submission.Shape.NUMBER, body.shapes().get("n"));
        assertEquals(Submission.Shape.NON_FINITE_NUMBER, body.shapes().get("inf"));
        assertEquals(List.of(), body.values().get("inf"));
        assertEquals(Submission.Shape.TEXT, body.shapes().get("s"));
    }

    @Test
    void invalidUtf8JsonIsBadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> SubmissionParser.json(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}));
        assertEquals(400, e.status());
    }
}
