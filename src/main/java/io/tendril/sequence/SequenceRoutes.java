package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.delivery.TemplateCheck;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Params;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The sequences API under {@code /api/v1/sequences}: settings, versioned steps, pause and
 * resume, migration of running enrollments and the timeline preview. Bearer authentication
 * comes from the {@code /api/v1/*} before-handler of {@link io.tendril.admin.ApiRoutes}.
 */
public final class SequenceRoutes {

    private static final int MAX_LIMIT = 500;

    private final SequenceService sequences;
    private final SequenceEditor editor;
    private final SequenceMigration migration;
    private final TimelinePreview preview;

    public SequenceRoutes(SequenceService sequences, SequenceEditor editor,
            SequenceMigration migration, TimelinePreview preview) {
        this.sequences = sequences;
        this.editor = editor;
        this.migration = migration;
        this.preview = preview;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/sequences", this::list);
        routes.post("/api/v1/sequences", ctx -> ctx.status(201).json(view(
                editor.create(body(ctx)))));
        routes.get("/api/v1/sequences/{id}", ctx -> ctx.json(view(editor.get(id(ctx)))));
        routes.patch("/api/v1/sequences/{id}", ctx -> ctx.json(view(
                editor.patch(id(ctx), body(ctx)))));
        routes.delete("/api/v1/sequences/{id}", ctx -> ctx.json(view(editor.archive(id(ctx)))));
        routes.put("/api/v1/sequences/{id}/steps", ctx -> ctx.json(view(
                editor.replaceSteps(id(ctx), body(ctx)))));
        routes.get("/api/v1/sequences/{id}/versions/{version}", this::version);
        routes.post("/api/v1/sequences/{id}/migrate", this::migrate);
        routes.get("/api/v1/sequences/{id}/preview", this::preview);
        routes.post("/api/v1/sequences/{id}/pause",
                ctx -> respond(ctx, sequences.pause(id(ctx))));
        routes.post("/api/v1/sequences/{id}/resume",
                ctx -> respond(ctx, sequences.resume(id(ctx))));
    }

    /** The response to a pause or resume: the sequence and its status afterwards. */
    record StatusView(long id, String status) {
    }

    private static void respond(Context ctx, String status) {
        ctx.json(new StatusView(id(ctx), status));
    }

    private void list(Context ctx) {
        List<JsonNode> data = editor.list(ctx.queryParam("status"),
                Params.limit(ctx, 100, MAX_LIMIT)).stream()
                .map(sequence -> (JsonNode) settings(sequence)).toList();
        ctx.json(Map.of("data", data));
    }

    private void migrate(Context ctx) {
        SequenceMigration.Result result = migration.migrate(id(ctx), body(ctx));
        ctx.json(Map.of("sequence_id", result.sequenceId(), "version", result.version(),
                "moved", result.moved(), "completed", result.completed()));
    }

    private void version(Context ctx) {
        String raw = ctx.pathParam("version");
        if (!raw.matches("[0-9]{1,9}")) {
            throw ApiException.notFound("Version '" + raw + "'");
        }
        SequenceEditor.Detail detail = editor.version(id(ctx), Integer.parseInt(raw));
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sequence_id", detail.sequence().id());
        node.put("version", detail.version());
        node.put("current", detail.version() == detail.sequence().version());
        node.set("steps", steps(detail.steps()));
        ctx.json(node);
    }

    private void preview(Context ctx) {
        String message = "Name the lead to preview with ?lead=ID, a positive whole number.";
        Long lead = Params.queryId(ctx, "lead", message);
        if (lead == null) {
            throw io.tendril.http.ValidationException.of("lead", message);
        }
        TimelinePreview.Plan plan = preview.preview(id(ctx), lead);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sequence_id", plan.sequenceId());
        node.put("lead_id", plan.leadId());
        if (plan.enrollment() == null) {
            node.putNull("enrollment_id");
        } else {
            node.put("enrollment_id", plan.enrollment().id());
        }
        node.put("version", plan.version());
        node.put("time_zone", plan.zone().getId());
        ArrayNode data = node.putArray("data");
        for (Advance.Planned planned : plan.steps()) {
            data.add(planned(planned, plan));
        }
        ctx.json(node);
    }

    private static ObjectNode planned(Advance.Planned planned, TimelinePreview.Plan plan) {
        StepPlan step = planned.step();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("step_id", step.id());
        node.put("position", step.position());
        node.put("name", step.name());
        node.put("action", step.action().code());
        node.put("due_at", planned.dueAt().toString());
        node.put("due_local", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                planned.dueAt().atZone(plan.zone())));
        node.put("time_zone", plan.zone().getId());
        node.set("condition", step.condition() == null ? Json.MAPPER.nullNode()
                : step.condition().toJson());
        node.put("condition_holds", planned.conditionHolds());
        return node;
    }

    /** A sequence with the steps of its current version. */
    private static ObjectNode view(SequenceEditor.Detail detail) {
        ObjectNode node = settings(detail.sequence());
        node.set("steps", steps(detail.steps()));
        node.set("warnings", warnings(detail.steps()));
        return node;
    }

    /**
     * Lists the variables of the email steps' templates that no lead field or setting provides:
     * they render empty, which is allowed but usually a typo.
     */
    static ArrayNode warnings(List<StepPlan> steps) {
        ArrayNode warnings = Json.MAPPER.createArrayNode();
        for (int i = 0; i < steps.size(); i++) {
            StepPlan step = steps.get(i);
            if (step.action() != StepPlan.Action.EMAIL) {
                continue;
            }
            for (TemplateCheck.Problem problem : TemplateCheck.check(step.subjectTemplate(),
                    step.htmlTemplate(), step.textTemplate())) {
                if (problem.kind().equals("unknown_variable")) {
                    warnings.addObject()
                            .put("path", "steps[" + i + "]." + problem.template())
                            .put("message", problem.message());
                }
            }
        }
        return warnings;
    }

    private static ObjectNode settings(Sequence sequence) {
        SequenceSettings settings = sequence.settings();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", sequence.id());
        node.put("key", sequence.key());
        node.put("name", settings.name());
        node.put("status", sequence.status());
        node.put("version", sequence.version());
        node.put("time_zone", settings.timeZone());
        node.set("window", SequenceJson.window(settings.window()));
        node.set("goal_exits", settings.goals().toJson());
        node.put("reenroll", settings.reenroll());
        node.put("running_enrollments", sequence.running());
        node.put("created_at", sequence.createdAt().toString());
        node.put("updated_at", sequence.updatedAt().toString());
        return node;
    }

    static ArrayNode steps(List<StepPlan> steps) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        steps.forEach(step -> array.add(SequenceJson.step(step)));
        return array;
    }

    /** Reads the JSON body; an empty body reads as JSON null. */
    static JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.invalidJson(e,
                    "See GET /api/v1/openapi.json for the shape of each request.");
        }
    }

    static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ApiException.notFound("Sequence '" + raw + "' (the id is not a positive number)");
    }
}
