package io.tendril.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper: snake_case property names (so records read as the API's other JSON
 * does), ISO-8601 dates, unknown properties ignored, and a key repeated in one object rejected,
 * so that a body with two values for one key is an error instead of its last value.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns why and where reading a request body failed, such as {@code Duplicate field
     * 'email' (line 1, column 30)}, for the message of the 400 that rejects it.
     */
    public static String parseError(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (!(cause instanceof JsonProcessingException parse) || parse.getLocation() == null) {
            return "unreadable";
        }
        // Jackson names the input by an internal source description and Java types; only the
        // reason and the line and column are kept.
        String reason = "a JSON object was expected";
        if (!(parse instanceof MismatchedInputException)) {
            reason = parse.getOriginalMessage()
                    .replaceAll("(?s)\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
                    .replaceAll("(?s)\\s*at \\[Source:.*$", "");
        }
        return reason + " (line " + parse.getLocation().getLineNr() + ", column "
                + parse.getLocation().getColumnNr() + ")";
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
