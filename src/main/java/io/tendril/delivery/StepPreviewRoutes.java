package io.tendril.delivery;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.capture.JsonFields;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/steps/{id}/preview} and {@code POST /api/v1/steps/{id}/test-send}. The
 * Bearer token check of {@code /api/v1/*} covers both.
 */
public final class StepPreviewRoutes {

    private final StepPreviewService previews;

    public StepPreviewRoutes(StepPreviewService previews) {
        this.previews = previews;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/steps/{id}/preview", this::preview);
        routes.post("/api/v1/steps/{id}/test-send", this::testSend);
    }

    private void preview(Context ctx) {
        Map<?, ?> body = body(ctx, Set.of("lead_id"));
        ctx.json(previews.preview(Params.id(ctx, "Step"), leadId(body)));
    }

    private void testSend(Context ctx) {
        Map<?, ?> body = body(ctx, Set.of("lead_id", "to"));
        if (!(body.get("to") instanceof String to)) {
            throw ValidationException.of("to", "Missing: give the address to send the test to.");
        }
        previews.testSend(Params.id(ctx, "Step"), leadId(body), to);
        ctx.status(202).json(Map.of("status", "sent", "to", to));
    }

    private static Map<?, ?> body(Context ctx, Set<String> known) {
        if (ctx.body().isBlank()) {
            return Map.of();
        }
        Map<?, ?> body;
        try {
            body = Json.read(ctx.body(), Map.class);
        } catch (RuntimeException e) {
            throw ApiException.invalidJson(e, "Send a JSON object such as {\"lead_id\": 12} or {}"
                    + " for sample data.");
        }
        JsonFields.rejectUnknown(Json.MAPPER.valueToTree(body), known);
        return body;
    }

    private static Long leadId(Map<?, ?> body) {
        Object raw = body.get("lead_id");
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number number && number.longValue() > 0) {
            return number.longValue();
        }
        throw ValidationException.of("lead_id", "'" + raw + "' is not a lead id.");
    }
}
