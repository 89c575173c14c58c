package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tendril.admin.AccessDao;
import io.tendril.admin.AdminRoutes;
import io.tendril.admin.JsonEditor;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Pages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marketer pages for sequences: the list, each sequence's steps with pause and resume,
 * and JSON editors for its settings and its steps that save through the API's validation.
 */
public final class SequencePages {

    private static final int MAX_SEQUENCES = 500;
    /** The sequence a new one starts from: a draft with a welcome email and a follow-up. */
    private static final String STARTER = """
            {
              "key": "welcome-series",
              "name": "Welcome series",
              "status": "draft",
              "time_zone": "Europe/Berlin",
              "window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00",
                         "end": "17:00"},
              "goal_exits": {"stages": ["customer"]},
              "reenroll": "never",
              "steps": [
                {"name": "Welcome", "wait": {"amount": 0, "unit": "minutes"},
                 "subject": "Welcome, {{first_name}}",
                 "html": "<p>Hi {{first_name}},</p><p>Thanks for signing up.</p>"},
                {"name": "Follow-up", "wait": {"amount": 2, "unit": "days"},
                 "condition": {"type": "not_clicked"},
                 "subject": "Did you see this, {{first_name}}?",
                 "html": "<p>Here is what most people try first.</p>"}
              ]
            }
            """;

    private final AdminRoutes admin;
    private final SequenceEditor editor;
    private final SequenceService sequences;
    private final Pages pages;

    public SequencePages(AdminRoutes admin, SequenceEditor editor, SequenceService sequences,
            Pages pages) {
        this.admin = admin;
        this.editor = editor;
        this.sequences = sequences;
        this.pages = pages;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/sequences", this::listPage);
        routes.get("/admin/sequences/new", ctx -> newPage(ctx, STARTER, null));
        routes.post("/admin/sequences", this::create);
        routes.get("/admin/sequences/{id}", ctx -> sequencePage(ctx, Map.of()));
        routes.post("/admin/sequences/{id}/settings", this::saveSettings);
        routes.post("/admin/sequences/{id}/steps", this::saveSteps);
        routes.post("/admin/sequences/{id}/status", this::changeStatus);
        routes.post("/admin/sequences/{id}/archive", this::archive);
    }

    private void listPage(Context ctx) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = admin.layout(session.get(), "sequences");
        List<Map<String, Object>> rows = listRows(editor.list(null, MAX_SEQUENCES));
        scope.put("sequences", rows);
        scope.put("hasSequences", !rows.isEmpty());
        List<Map<String, Object>> archived = listRows(editor.list("archived", MAX_SEQUENCES));
        scope.put("archived", archived);
        scope.put("archivedCount", archived.size());
        scope.put("hasArchived", !archived.isEmpty());
        ctx.html(pages.render("admin/sequences", scope));
    }

    private static List<Map<String, Object>> listRows(List<Sequence> sequences) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Sequence sequence : sequences) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", sequence.id());
            row.put("name", sequence.settings().name());
            row.put("key", sequence.key());
            row.put("status", sequence.status());
            row.put("version", sequence.version());
            row.put("running", sequence.running());
            row.put("updatedAt", sequence.updatedAt());
            rows.add(row);
        }
        return rows;
    }

    private void newPage(Context ctx, String definition, List<Map<String, String>> errors) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = admin.layout(session.get(), "sequences");
        scope.put("definition", definition);
        JsonEditor.putErrors(scope, errors);
        ctx.html(pages.render("admin/sequence-new", scope));
    }

    private void create(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        String text = ctx.formParam("definition");
        SequenceEditor.Detail detail;
        try {
            detail = editor.create(JsonEditor.parse(text, "definition"));
        } catch (ApiException e) {
            ctx.status(e.status());
            newPage(ctx, text, JsonEditor.errors(e));
            return;
        }
        ctx.redirect("/admin/sequences/" + detail.sequence().id() + "?saved=1",
                HttpStatus.SEE_OTHER);
    }

    /**
     * Renders a sequence; {@code outcome} carries what a failed save puts back: the text typed
     * in one editor and its errors, under "settings" or "steps".
     */
    private void sequencePage(Context ctx, Map<String, Object> outcome) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        SequenceEditor.Detail detail = editor.get(SequenceRoutes.id(ctx));
        Sequence sequence = detail.sequence();

        Map<String, Object> scope = admin.layout(session.get(), "sequences");
        scope.put("sequence", sequence);
        scope.put("name", sequence.settings().name());
        scope.put("nextVersion", sequence.version() + 1);
        scope.put("saved", ctx.queryParam("saved") != null);
        scope.put("canPause", sequence.status().equals("active"));
        scope.put("canResume", sequence.status().equals("paused"));
        scope.put("canActivate", sequence.status().equals("draft") && !detail.steps().isEmpty());
        scope.put("archivedSequence", sequence.status().equals("archived"));
        scope.put("steps", stepRows(detail.steps()));
        scope.put("hasSteps", !detail.steps().isEmpty());

        scope.put("settingsText", JsonEditor.pretty(settings(sequence)));
        ObjectNode steps = Json.MAPPER.createObjectNode();
        steps.set("steps", SequenceRoutes.steps(detail.steps()));
        scope.put("stepsText", JsonEditor.pretty(steps));

        List<Map<String, String>> warnings = new ArrayList<>();
        SequenceRoutes.warnings(detail.steps()).forEach(warning -> warnings.add(Map.of(
                "path", warning.get("path").asText(), "message",
                warning.get("message").asText())));
        scope.put("warnings", warnings);
        scope.put("hasWarnings", !warnings.isEmpty());

        scope.put("settingsErrors", List.of());
        scope.put("stepsErrors", List.of());
        scope.putAll(outcome);
        scope.put("hasSettingsErrors", outcome.containsKey("settingsErrors"));
        scope.put("hasStepsErrors", outcome.containsKey("stepsErrors"));
        ctx.html(pages.render("admin/sequence", scope));
    }

    private void saveSettings(Context ctx) {
        save(ctx, "settings", body -> editor.patch(SequenceRoutes.id(ctx), body));
    }

    private void saveSteps(Context ctx) {
        save(ctx, "steps", body -> editor.replaceSteps(SequenceRoutes.id(ctx), body));
    }

    /** Saves the text of editor {@code part}; on a rejection shows it again with the errors. */
    private void save(Context ctx, String part, java.util.function.Consumer<JsonNode> action) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        String text = ctx.formParam(part);
        try {
            action.accept(JsonEditor.parse(text, part));
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            ctx.status(e.status());
            Map<String, Object> outcome = new HashMap<>();
            outcome.put(part + "Text", text);
            outcome.put(part + "Errors", JsonEditor.errors(e));
            sequencePage(ctx, outcome);
            return;
        }
        ctx.redirect("/admin/sequences/" + SequenceRoutes.id(ctx) + "?saved=1",
                HttpStatus.SEE_OTHER);
    }

    private void changeStatus(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id = SequenceRoutes.id(ctx);
        String to = String.valueOf(ctx.formParam("to"));
        switch (to) {
            case "paused" -> sequences.pause(id);
            case "active" -> {
                if (editor.get(id).sequence().status().equals("paused")) {
                    sequences.resume(id);
                } else {
                    editor.patch(id, Json.MAPPER.createObjectNode().put("status", "active"));
                }
            }
            default -> throw io.tendril.http.ValidationException.of("to",
                    "Must be 'active' or 'paused'; got '" + to + "'.");
        }
        ctx.redirect("/admin/sequences/" + id + "?saved=1", HttpStatus.SEE_OTHER);
    }

    /**
     * Archives the sequence as {@code DELETE /api/v1/sequences/{id}} does, once the marketer
     * ticked the confirmation. A rejection, such as the 409 while an active form feeds the
     * sequence, shows the sequence page again with its message.
     */
    private void archive(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id = SequenceRoutes.id(ctx);
        try {
            if (!"yes".equals(ctx.formParam("confirm"))) {
                throw io.tendril.http.ValidationException.of("confirm",
                        "Tick the box to confirm that the running enrollments end.");
            }
            editor.archive(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            ctx.status(e.status());
            sequencePage(ctx, Map.of("archiveError", e.getMessage()));
            return;
        }
        // The page shows that the sequence is archived, so it needs no "Saved." notice.
        ctx.redirect("/admin/sequences/" + id, HttpStatus.SEE_OTHER);
    }

    /** Returns the settings the PATCH endpoint takes, so the text can be saved as it is. */
    private static ObjectNode settings(Sequence sequence) {
        SequenceSettings settings = sequence.settings();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", settings.name());
        node.put("time_zone", settings.timeZone());
        node.set("window", SequenceJson.window(settings.window()));
        node.set("goal_exits", settings.goals().toJson());
        node.put("reenroll", settings.reenroll());
        return node;
    }

    private static List<Map<String, Object>> stepRows(List<StepPlan> steps) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StepPlan step : steps) {
            ObjectNode json = SequenceJson.step(step);
            Map<String, Object> row = new HashMap<>();
            row.put("position", step.position());
            row.put("name", step.name());
            row.put("wait", describeWait(json.get("wait")));
            row.put("condition", step.condition() == null ? "always"
                    : step.condition().toJson().toString());
            row.put("action", step.action() == StepPlan.Action.EMAIL
                    ? "email: " + step.subjectTemplate()
                    : step.action().code() + ": " + step.actionValue());
            rows.add(row);
        }
        return rows;
    }

    private static String describeWait(JsonNode wait) {
        if (wait.has("weekday")) {
            return "next " + wait.get("weekday").asText() + " at " + wait.get("at").asText();
        }
        return wait.path("amount").asText() + " " + wait.path("unit").asText();
    }
}
