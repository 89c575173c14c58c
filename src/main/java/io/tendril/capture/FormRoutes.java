package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Params;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The forms API under {@code /api/v1/forms}. The Bearer token check is the
 * {@code /api/v1/*} before-handler of {@link io.tendril.admin.ApiRoutes}. A form is named by
 * its id or its slug.
 */
public final class FormRoutes {

    private static final int MAX_LIMIT = 500;

    private final FormService forms;
    private final CaptureService capture;

    public FormRoutes(FormService forms, CaptureService capture) {
        this.forms = forms;
        this.capture = capture;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/forms", this::list);
        routes.post("/api/v1/forms", ctx -> ctx.status(201).json(view(
                changed(forms.create(body(ctx))))));
        routes.get("/api/v1/forms/{ref}", ctx -> ctx.json(view(forms.get(ctx.pathParam("ref")))));
        routes.put("/api/v1/forms/{ref}", ctx -> ctx.json(view(
                changed(forms.update(ctx.pathParam("ref"), body(ctx), false)))));
        routes.patch("/api/v1/forms/{ref}", ctx -> ctx.json(view(
                changed(forms.update(ctx.pathParam("ref"), body(ctx), true)))));
        routes.delete("/api/v1/forms/{ref}", ctx -> ctx.json(view(
                changed(forms.archive(ctx.pathParam("ref"))))));
        routes.get("/api/v1/forms/{ref}/versions/{version}", this::version);
        routes.get("/api/v1/forms/{ref}/quarantine", this::quarantine);
        routes.post("/api/v1/forms/{ref}/quarantine/{id}/release", this::release);
    }

    /** Returns {@code form} after dropping cached forms, so that submissions see the change. */
    private <T> T changed(T form) {
        capture.forgetForms();
        return form;
    }

    private void quarantine(Context ctx) {
        Form form = forms.get(ctx.pathParam("ref"));
        int limit = Params.limit(ctx, 100, MAX_LIMIT);
        List<Map<String, Object>> data = capture.quarantined(form, limit).stream()
                .map(row -> Map.<String, Object>of("id", row.id(), "form_version",
                        row.formVersion(), "spam_reason", row.spamReason(),
                        "values", Json.read(row.payload(), JsonNode.class),
                        "created_at", row.createdAt().toString()))
                .toList();
        ctx.json(Map.of("data", data));
    }

    private void release(Context ctx) {
        Form form = forms.get(ctx.pathParam("ref"));
        String raw = ctx.pathParam("id");
        if (!raw.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("Quarantined submission '" + raw + "'");
        }
        CaptureService.Result result = capture.release(form, Long.parseLong(raw));
        ctx.json(Map.of("submission_id", result.submissionId(), "lead_id", result.leadId()));
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        int limit = Params.limit(ctx, 100, MAX_LIMIT);
        List<JsonNode> data = forms.list(status, limit).stream().map(FormRoutes::view).toList();
        ctx.json(Map.of("data", data));
    }

    private void version(Context ctx) {
        String raw = ctx.pathParam("version");
        if (!raw.matches("[0-9]{1,9}")) {
            throw ApiException.notFound("Version '" + raw + "'");
        }
        ctx.json(forms.version(ctx.pathParam("ref"), Integer.parseInt(raw)));
    }

    /** Returns the API view of a form: its definition plus id, status, version and times. */
    public static JsonNode view(Form form) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", form.id());
        node.put("status", form.status());
        node.put("version", form.version());
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(form.definition()));
        node.put("created_at", form.createdAt().toString());
        node.put("updated_at", form.updatedAt().toString());
        return node;
    }

    private static JsonNode body(Context ctx) {
        try {
            return Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiException.invalidJson(e,
                    "Send a form definition such as {\"slug\": \"webinar\", \"name\":"
                    + " \"Webinar\", \"fields\": [{\"name\": \"email\", \"type\": \"email\","
                    + " \"required\": true}]}.");
        }
    }
}
