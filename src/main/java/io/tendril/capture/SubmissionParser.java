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

    /** Returns true when the request body is JSON; anything else is read as urlencoded. */
    static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase().startsWith("application/json");
    }

    static Map<String, List<String>> parse(Context ctx) {
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

    static Map<String, List<String>> json(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(strictUtf8(body));
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The body is not valid UTF-8; send JSON encoded as"
                    + " UTF-8.");
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not valid JSON; send an object such as"
                    + " {\"email\": \"ann@example.com\"}.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object of field names to"
                    + " values.");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            List<String> list = new ArrayList<>();
            if (value.isValueNode() && !value.isNull()) {
                list.add(value.asText());
            } else if (value.isArray()) {
                value.forEach(item -> {
                    if (item.isValueNode() && !item.isNull()
                            && list.size() < MAX_VALUES_PER_NAME) {
                        list.add(item.asText());
                    }
                });
            }
            values.put(field.getKey(), list);
        }
        return values;
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} as UTF-8. A value whose bytes are not
     * valid UTF-8 is a 422 on its field; a pair whose name is not valid UTF-8 is ignored, as
     * any unknown field is.
     */
    static Map<String, List<String>> urlencoded(byte[] body) {
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
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
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
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
