package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.capture.JsonFields;
import io.tendril.delivery.TemplateCheck;
import io.tendril.lead.LeadLabels;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        String name = json.string(node, "name", path + ".name", MAX_NAME, false);
        Wait wait = wait(node.get("wait"), path + ".wait", json);
        SendWindow window = SequenceJson.window(node.get("window"), path + ".window", json);
        Condition condition = condition(node.get("condition"), path + ".condition", json);
        StepPlan.Action action = action(node.get("action"), path + ".action", json);
        if (action != null && action != StepPlan.Action.EMAIL) {
            String value = value(node, action, path + ".value", json);
            return value == null || wait == null ? null : new StepDefinition(named(name,
                    position), wait, window, condition, action, value, null, null, null);
        }
        if (wait == null || action == null) {
            return null;
        }
        String subject = json.string(node, "subject", path + ".subject", 998, false);
        String html = json.string(node, "html", path + ".html", MAX_TEMPLATE, true);
        String text = json.string(node, "text", path + ".text", MAX_TEMPLATE, true);
        if (!templatesCompile(subject, html, text, path, json)) {
            return null;
        }
        return new StepDefinition(named(name, position), wait, window, condition, action, null,
                subject, html, text == null ? "" : text);
    }

    /** Reads a stage or tag step's value, checked by the rules that lead edits apply. */
    private static String value(JsonNode node, StepPlan.Action action, String path,
            JsonFields json) {
        if (action != StepPlan.Action.SET_STAGE) {
            return json.requiredString(node, "value", path, LeadLabels.MAX_TAG);
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
