package io.tendril.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Parses the path and query parameters that many routes share, with the usual error responses. */
public final class Params {

    private Params() {
    }

    /**
     * Returns the positive id in path parameter {@code id}. Any other value names nothing, so it
     * gets a 404 with {@code what} ("Lead", "Step") in the message.
     */
    public static long id(Context ctx, String what) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ApiException(404, "not_found", what + " id '" + raw + "' is not a positive"
                + " number.", null);
    }

    /**
     * Returns the positive id in query parameter {@code name}, or null when it is absent. Any
     * other value gets a 422 with {@code message}.
     */
    public static Long queryId(Context ctx, String name, String message) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        if (!raw.matches("[1-9][0-9]{0,17}")) {
            throw ValidationException.of(name, message);
        }
        return Long.parseLong(raw);
    }

    /**
     * Rejects a request that carries a query parameter not in {@code accepted} with a 400 that
     * names it and the accepted ones, so that a misspelt filter never returns unfiltered data.
     */
    public static void rejectUnknown(Context ctx, List<String> accepted) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!accepted.contains(name)) {
                throw new ApiException(400, "unknown_parameter", "Unknown query parameter '"
                        + name + "'. " + ctx.path() + " accepts " + String.join(", ", accepted)
                        + ".", Map.of("parameter", name, "accepted", accepted));
            }
        }
    }

    /**
     * Returns query parameter {@code limit} from 1 to {@code max}, or {@code fallback} when it is
     * absent. Any other value gets a 422.
     */
    public static int limit(Context ctx, int fallback, int max) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ValidationException.of("limit", "'" + raw + "' is not a number from 1 to " + max
                + ".");
    }
}
