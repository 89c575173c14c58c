package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.Json;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enrollments API: enroll a lead in a sequence, list a sequence's enrollments, read one,
 * and end one ({@code exit}, the API call goal exit).
 */
public final class EnrollmentRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final EnrollmentService enrollments;

    public EnrollmentRoutes(EnrollmentService enrollments) {
        this.enrollments = enrollments;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/sequences/{id}/enrollments", ctx -> ctx.status(201).json(view(
                enrollments.enroll(SequenceRoutes.id(ctx), SequenceRoutes.body(ctx)))));
        routes.get("/api/v1/sequences/{id}/enrollments", this::list);
        routes.get("/api/v1/enrollments/{id}", ctx -> ctx.json(view(
                enrollments.get(Params.id(ctx, "Enrollment")))));
        routes.post("/api/v1/enrollments/{id}/exit", ctx -> {
            rejectProperties(SequenceRoutes.body(ctx));
            ctx.json(view(enrollments.exit(Params.id(ctx, "Enrollment"))));
        });
    }

    /** Rejects a body with properties: an exit takes none, so one sent is a mistake. */
    private static void rejectProperties(JsonNode body) {
        if (body == null || body.isNull() || (body.isObject() && body.isEmpty())) {
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (!body.isObject()) {
            errors.put("body", "Send no body, or {}.");
        } else {
            body.fieldNames().forEachRemaining(name -> errors.put(name, "Unknown property: an"
                    + " exit takes no properties (its reason is always 'api')."));
        }
        throw new ValidationException(errors);
    }

    /** Lists one page by id. {@code next_after} is the {@code after} of the next page. */
    private void list(Context ctx) {
        int limit = Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<Enrollment> page = enrollments.list(SequenceRoutes.id(ctx),
                ctx.queryParam("status"), after(ctx), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.stream().map(EnrollmentRoutes::view).toList());
        body.put("next_after", page.size() < limit ? null : page.get(page.size() - 1).id());
        ctx.json(body);
    }

    private static long after(Context ctx) {
        String raw = ctx.queryParam("after");
        if (raw == null) {
            return 0;
        }
        if (!raw.matches("[0-9]{1,18}")) {
            throw ValidationException.of("after", "Must be an enrollment id, as given in"
                    + " next_after; got '" + raw + "'.");
        }
        return Long.parseLong(raw);
    }

    static ObjectNode view(Enrollment enrollment) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", enrollment.id());
        node.put("lead_id", enrollment.leadId());
        node.put("sequence_id", enrollment.sequenceId());
        node.put("form_id", enrollment.formId());
        node.put("version", enrollment.version());
        node.put("status", enrollment.status());
        node.put("next_position", enrollment.nextPosition());
        node.put("next_due_at", text(enrollment.nextDueAt()));
        node.put("exit_reason", enrollment.exitReason());
        node.put("created_at", text(enrollment.createdAt()));
        node.put("updated_at", text(enrollment.updatedAt()));
        node.put("ended_at", text(enrollment.endedAt()));
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
