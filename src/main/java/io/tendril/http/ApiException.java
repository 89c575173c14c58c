package io.tendril.http;

import java.util.Map;

/**
 * A failure that maps to one HTTP status and the JSON error shape
 * {@code {"error":{"code","message","details"}}}. Services throw the subclasses; only
 * {@link ErrorMapper} turns them into responses.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, ?> details;

    public ApiException(int status, String code, String message, Map<String, ?> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, ?> details() {
        return details;
    }

    /** 404: the thing named in the request does not exist. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found.", null);
    }

    /** 400: the request is malformed as a whole, such as a body that is not JSON. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, null);
    }

    /**
     * 400: the body could not be read as JSON. The message gives the parser's reason and
     * position, then {@code hint}: what to send instead.
     */
    public static ApiException invalidJson(Exception cause, String hint) {
        return badRequest("The body is not valid JSON: " + Json.parseError(cause) + ". " + hint);
    }

    /** 401: credentials are missing or wrong. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null);
    }

    /** 403: the caller is known but not allowed to do this. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }

    /** 429: the caller must wait {@code retryAfterSeconds}, sent as {@code Retry-After}. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", message,
                Map.of("retry_after_seconds", retryAfterSeconds));
    }

    /** 413: the request body is larger than the endpoint accepts. */
    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "payload_too_large",
                "The request body is larger than " + String.format("%,d", limit) + " bytes, the"
                        + " most this endpoint accepts.", Map.of("limit", limit));
    }
}
