package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.capture.JsonFields;
import io.tendril.delivery.TemplateCheck;
import io.tendril.lead.LeadLabels;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the step list sent to the sequence API, recording each bad value under its path (such
 * as {@code steps[1].wait.amount}) so that one 422 lists them all.
 */
final class StepValidator {

    static final int MAX_STEPS = 100;
    private static final int MAX_NAME = 200;
    private static final int MAX_TEMPLATE = 200_000;
    /** The maximum wait in each unit: a year. */
    private static final Map<String, Integer> MAX_AMOUNT = Map.of("minutes", 525_600,
            "hours", 8_760, "days", 365);
    /**
     * The properties of a step. {@code id} and {@code position} are read-only ones that GET
     * shows: an id is ignored, as each version writes new steps.
     */
    private static final Set<String> PROPERTIES = Set.of("name", "wait", "window", "condition",
            "action", "value", "subject", "html", "text", "id", "position");
    private static final Set<String> AMOUNT_WAIT = Set.of("amount", "unit");
    private static final Set<String> WEEKDAY_WAIT = Set.of("weekday", "at");
    /** The properties of each condition type besides {@code type}. */
    private static final Map<String, Set<String>> CONDITION = Map.of(
            "has_tag", Set.of("tag"), "lacks_tag", Set.of("tag"),
            "stage_in", Set.of("stages"), "attribute", Set.of("name", "op", "value"),
            "score_at_least", Set.of("score"), "score_below", Set.of("score"),
            "opened", Set.of(), "not_opened", Set.of(), "clicked", Set.of(),
            "not_clicked", Set.of());

    private StepValidator() {
    }

    /** Returns the steps of the array at {@code path}; empty when it has errors. */
    static List<StepDefinition> steps(JsonNode node, String path, JsonFields json) {
        List<StepDefinition> steps = new ArrayList<>();
        if (node == null || node.isNull()) {
            return steps;
        }
        if (!node.isArray()) {
            json.error(path, "Must be a list of steps.");
            return steps;
        }
        if (node.size() > MAX_STEPS) {
            json.error(path, "Too many steps: at most " + MAX_STEPS + ".");
            return steps;
        }
        for (int i = 0; i < node.size(); i++) {
            StepDefinition step = step(node.get(i), path + "[" + i + "]", i + 1, json);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private static StepDefinition step(JsonNode node, String path, int position,
            JsonFields json) {
        if (node == null || !node.isObject()) {
            json.error(path, "Must be an object with a wait and an action.");
            return null;
        }
        json.unknownProperties(node, path + ".", PROPERTIES);
        checkPosition(node.get("position"), path + ".position", position, json);
        String name = json.string(node, "name", path + ".name", MAX_NAME, false);
        Wait wait = wait(node.get("wait"), path + ".wait", json);
        SendWindow window = SequenceJson.window(node.get("window"), path + ".window", json);
        Condition condition = condition(node.get("condition"), path + ".condition", json);
        StepPlan.Action action = action(node.get("action"), path + ".action", json);
        if (action == null) {
            // An unknown action leaves open whether the step needs templates or a value, so
            // neither is checked until the action is fixed.
            return null;
        }
        if (action != StepPlan.Action.EMAIL) {
            for (String template : List.of("subject", "html", "text")) {
                if (node.hasNonNull(template)) {
                    String label = action == StepPlan.Action.SET_STAGE ? "stage" : "tag";
                    json.error(path + "." + template, "Only email steps have a " + template
                            + "; a step with action " + action.code() + " takes only its "
                            + label + " in value.");
                }
            }
            String value = value(node, action, path + ".value", json);
            return value == null || wait == null ? null : new StepDefinition(named(name,
                    position), wait, window, condition, action, value, null, null, null);
        }
        if (node.hasNonNull("value")) {
            json.error(path + ".value", "Only set_stage, add_tag and remove_tag steps have a"
                    + " value; an email step has subject, html and text.");
        }
        String subject = json.string(node, "subject", path + ".subject", 998, false);
        String html = json.string(node, "html", path + ".html", MAX_TEMPLATE, true);
        String text = json.string(node, "text", path + ".text", MAX_TEMPLATE, true);
        boolean compiled = templatesCompile(subject, html, text, path, json);
        if (!compiled || wait == null) {
            return null;
        }
        return new StepDefinition(named(name, position), wait, window, condition, action, null,
                subject, html, text == null ? "" : text);
    }

    /**
     * Checks the read-only {@code position} that GET shows, so that a step list read with GET
     * can be sent back: the list order sets positions, and a different one is an error.
     */
    private static void checkPosition(JsonNode node, String path, int position,
            JsonFields json) {
        if (node != null && !node.isNull()
                && !(node.isIntegralNumber() && node.asLong() == position)) {
            json.error(path, "Is " + node + ", but this step is at position " + position
                    + "; the order of the list sets positions, so move the step or leave"
                    + " position out.");
        }
    }

    /** Reads a stage or tag step's value, checked by the rules that lead edits apply. */
    private static String value(JsonNode node, StepPlan.Action action, String path,
            JsonFields json) {
        if (action != StepPlan.Action.SET_STAGE) {
            String tag = json.requiredString(node, "value", path, LeadLabels.MAX_TAG);
            String problem = tag == null || action == StepPlan.Action.REMOVE_TAG ? null
                    : JsonFields.tagError(tag);
            if (problem != null) {
                json.error(path, problem);
                return null;
            }
            return tag;
        }
        String stage = json.requiredString(node, "value", path, LeadLabels.MAX_STAGE);
        if (stage != null && !LeadLabels.isStage(stage)) {
            json.error(path, "Invalid stage '" + stage + "'. " + LeadLabels.STAGE_RULE);
            return null;
        }
        return stage;
    }

    private static String named(String name, int position) {
        return name == null || name.isEmpty() ? "Step " + position : name;
    }

    /** Reports a missing subject or html, and any template that does not compile. */
    private static boolean templatesCompile(String subject, String html, String text,
            String path, JsonFields json) {
        boolean ok = true;
        for (TemplateCheck.Problem problem : TemplateCheck.check(subject, html, text)) {
            if (problem.kind().equals("syntax") || problem.kind().equals("missing")) {
                json.error(path + "." + problem.template(), problem.kind().equals("missing")
                        ? "Is required for an email step: " + problem.message()
                        : problem.message());
                ok = false;
            }
        }
        return ok;
    }

    private static Wait wait(JsonNode node, String path, JsonFields json) {
        if (node == null || !node.isObject()) {
            json.error(path, "Is required: {\"amount\": 2, \"unit\": \"days\"} or"
                    + " {\"weekday\": \"tue\", \"at\": \"09:00\"}.");
            return null;
        }
        if (node.has("weekday") && (node.has("amount") || node.has("unit"))) {
            json.error(path, "Has both kinds of wait; send either {\"amount\": 2, \"unit\":"
                    + " \"days\"} or {\"weekday\": \"tue\", \"at\": \"09:00\"}.");
            return null;
        }
        json.unknownProperties(node, path + ".", node.has("weekday") ? WEEKDAY_WAIT
                : AMOUNT_WAIT);
        if (node.has("weekday")) {
            DayOfWeek day = SequenceJson.day(node.get("weekday"), path + ".weekday", json);
            LocalTime at = SequenceJson.time(node.get("at"), path + ".at", json);
            return day == null || at == null ? null : Wait.next(day, at);
        }
        String unit = node.path("unit").asText("");
        if (!MAX_AMOUNT.containsKey(unit)) {
            json.error(path + ".unit", "Must be minutes, hours or days; got "
                    + (node.has("unit") ? node.get("unit").toString() : "nothing") + ".");
            return null;
        }
        JsonNode amount = node.get("amount");
        int max = MAX_AMOUNT.get(unit);
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToInt()
                || amount.asInt() < 0 || amount.asInt() > max) {
            json.error(path + ".amount", "Must be a whole number of " + unit + " from 0 to "
                    + max + " (a year); got " + (amount == null ? "nothing" : amount) + ".");
            return null;
        }
        return switch (unit) {
            case "hours" -> Wait.hours(amount.asInt());
            case "days" -> Wait.days(amount.asInt());
            default -> Wait.minutes(amount.asInt());
        };
    }

    private static Condition condition(JsonNode node, String path, JsonFields json) {
        Set<String> properties = node == null ? null : CONDITION.get(node.path("type").asText());
        if (properties != null) {
            Set<String> known = new HashSet<>(properties);
            known.add("type");
            json.unknownProperties(node, path + ".", known);
        }
        try {
            return Condition.parse(node);
        } catch (IllegalArgumentException e) {
            json.error(path, "Invalid condition: " + e.getMessage() + ".");
            return null;
        }
    }

    private static StepPlan.Action action(JsonNode node, String path, JsonFields json) {
        if (node == null || node.isNull()) {
            return StepPlan.Action.EMAIL;
        }
        try {
            return StepPlan.Action.of(node.asText());
        } catch (IllegalArgumentException e) {
            json.error(path, "Must be one of email, set_stage, add_tag, remove_tag; got " + node
                    + ".");
            return null;
        }
    }
}
