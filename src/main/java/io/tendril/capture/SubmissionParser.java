package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a submission body, JSON or urlencoded, into values by name. Bodies over
 * {@link #MAX_BODY_BYTES} get 413; bytes that are not valid UTF-8 are rejected, never replaced.
 */
final class SubmissionParser {

    /** Submissions larger than this are rejected with 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_VALUES_PER_NAME = 200;

    private SubmissionParser() {
    }

    /**
     * A parsed body: the values by name, the JSON shape of each, and a message for each
     * urlencoded value whose bytes were not valid UTF-8 (that value is left out of
     * {@code values}, the others are kept so that a form shown again keeps them).
     */
    record Body(Map<String, List<String>> values, Map<String, Submission.Shape> shapes,
            Map<String, String> errors) {

        /** Throws a 422 naming each value that could not be decoded, if there is one. */
        void checkDecoded() {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
    }

    /** Returns true when the request body is JSON; anything else is read as urlencoded. */
    static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase().startsWith("application/json");
    }

    static Body parse(Context ctx) {
        // The body is read before answering 413: a reply sent while the client still writes makes
        // the server close the connection, and the client may then see a reset instead of the 413.
        // Javalin's own limit (1 MB) still bounds what is read.
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (isJson(ctx)) {
            return json(body);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return urlencoded(body);
        }
        throw new ApiException(415, "unsupported_media_type", "Send the submission as"
                + " application/json or application/x-www-form-urlencoded.", null);
    }

    /**
     * Decodes a JSON object. Each value keeps its JSON shape beside its text, so that the
     * validator can reject a list or an object where one value belongs. Objects, nulls and
     * non-finite numbers contribute no text.
     */
    static Body json(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(strictUtf8(body));
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The body is not valid UTF-8; send JSON encoded as"
                    + " UTF-8.");
        } catch (IOException e) {
            throw ApiException.invalidJson(e,
                    "Send an object such as {\"email\": \"ann@example.com\"}.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object of field names to"
                    + " values.");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Submission.Shape> shapes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            List<String> list = new ArrayList<>();
            if (value.isArray()) {
                boolean nested = false;
                for (JsonNode item : value) {
                    if (!isScalar(item)) {
                        nested = true;
                    } else if (list.size() < MAX_VALUES_PER_NAME) {
                        list.add(item.asText());
                    }
                }
                shapes.put(field.getKey(), nested ? Submission.Shape.NESTED_LIST
                        : Submission.Shape.LIST);
            } else if (isScalar(value)) {
                list.add(value.asText());
                shapes.put(field.getKey(), scalarShape(value));
            } else if (value.isObject()) {
                shapes.put(field.getKey(), Submission.Shape.OBJECT);
            } else if (value.isNumber()) {
                shapes.put(field.getKey(), Submission.Shape.NON_FINITE_NUMBER);
            }
            values.put(field.getKey(), list);
        }
        return new Body(values, shapes, Map.of());
    }

    /** Returns true for a string, a boolean or a finite number. */
    private static boolean isScalar(JsonNode node) {
        if (node.isNumber()) {
            return !node.isFloatingPointNumber() || Double.isFinite(node.doubleValue());
        }
        return node.isTextual() || node.isBoolean();
    }

    private static Submission.Shape scalarShape(JsonNode node) {
        if (node.isNumber()) {
            return Submission.Shape.NUMBER;
        }
        return node.isBoolean() ? Submission.Shape.BOOLEAN : Submission.Shape.TEXT;
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} as UTF-8. A value whose bytes are not
     * valid UTF-8 gets an error on its field in {@link Body#errors()}; a pair whose name is not
     * valid UTF-8 is ignored, as any unknown field is.
     */
    static Body urlencoded(byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            try {
                name = decode(eq < 0 ? pair : pair.substring(0, eq));
            } catch (CharacterCodingException | IllegalArgumentException e) {
                continue;
            }
            try {
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
                if (list.size() < MAX_VALUES_PER_NAME) {
                    list.add(value);
                }
            } catch (CharacterCodingException | IllegalArgumentException e) {
                errors.put(name, "Contains bytes that are not valid UTF-8 text; retype it.");
            }
        }
        errors.keySet().forEach(values::remove);
        return new Body(values, Map.of(), errors);
    }

    private static String decode(String encoded) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16)
                        : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    throw new IllegalArgumentException("Invalid percent escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        if (isAscii(bytes)) {
            // ASCII is valid UTF-8, and decoding it needs no decoder.
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
