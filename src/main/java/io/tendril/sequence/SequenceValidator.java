package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.capture.JsonFields;
import io.tendril.http.ValidationException;
import io.tendril.lead.LeadLabels;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the bodies of the sequence API into settings and steps, or throws a 422 naming every
 * invalid value by its path, such as {@code window.start} or {@code steps[1].wait.amount}.
 */
final class SequenceValidator {

    /** A sequence as created: key, status, settings and the steps of version 1. */
    record NewSequence(String key, String status, SequenceSettings settings,
            List<StepDefinition> steps) {
    }

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final List<String> REENROLL = List.of("never", "after_end");
    private static final int MAX_NAME = 200;
    private static final Set<String> SETTINGS = Set.of("name", "time_zone", "window",
            "goal_exits", "reenroll");
    private static final Set<String> CREATE = union(SETTINGS, Set.of("key", "status",
            "steps"));
    private static final Set<String> GOALS = Set.of("stages", "tags", "forms",
            "any_other_form");

    /** Finds the slug of the form named by a slug or an id, as goal exits match forms by slug. */
    @FunctionalInterface
    interface FormSlugs {
        Optional<String> find(String ref);
    }

    private SequenceValidator() {
    }

    static NewSequence create(JsonNode body, FormSlugs forms) {
        requireObject(body);
        Map<String, String> errors = new LinkedHashMap<>();
        JsonFields json = new JsonFields(errors);
        json.unknownProperties(body, "", CREATE);

        String key = json.requiredString(body, "key", "key", 63);
        if (key != null && !KEY.matcher(key).matches()) {
            json.error("key", "Use 1 to 63 lowercase letters, digits, '_' and '-', starting with"
                    + " a letter or digit, such as 'trial-nurture'.");
        }
        String status = json.string(body, "status", "status", 20, false);
        status = status == null ? "draft" : status;
        if (!List.of("draft", "active", "paused").contains(status)) {
            json.error("status", "Must be draft, active or paused; got '" + status + "'.");
        }
        SequenceSettings settings = settings(body, null, forms, json);
        List<StepDefinition> steps = StepValidator.steps(body.get("steps"), "steps", json);
        if (errors.isEmpty() && status.equals("active") && steps.isEmpty()) {
            json.error("steps", "An active sequence needs at least one step; add steps or"
                    + " create it as a draft.");
        }

        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new NewSequence(key, status, settings, steps);
    }

    /** Reads a settings patch: properties absent from {@code body} keep their value. */
    static SequenceSettings patch(JsonNode body, SequenceSettings current, FormSlugs forms) {
        requireObject(body);
        Map<String, String> errors = new LinkedHashMap<>();
        JsonFields json = new JsonFields(errors);
        // Key and steps count as known here so that they get the messages below.
        json.unknownProperties(body, "", CREATE);
        SequenceSettings settings = settings(body, current, forms, json);
        if (body.has("steps")) {
            errors.putIfAbsent("steps", "Steps change with PUT /api/v1/sequences/{id}/steps,"
                    + " which writes a new version.");
        }
        if (body.has("key")) {
            errors.putIfAbsent("key", "The key of a sequence cannot change.");
        }
        String status = body.path("status").asText(null);
        if (body.has("status") && !List.of("draft", "active", "paused").contains(status)) {
            errors.putIfAbsent("status", "Must be draft, active or paused; archive a sequence"
                    + " with DELETE.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return settings;
    }

    /** Reads a step list: a JSON array, or an object whose {@code steps} is one. */
    static List<StepDefinition> steps(JsonNode body) {
        JsonNode steps = body != null && body.isObject() ? body.get("steps") : body;
        Map<String, String> errors = new LinkedHashMap<>();
        JsonFields json = new JsonFields(errors);
        if (body != null && body.isObject()) {
            json.unknownProperties(body, "", Set.of("steps"));
        }
        if (steps == null || !steps.isArray()) {
            json.error("steps", "Send the new step list as a JSON array, or as"
                    + " {\"steps\": [...]}.");
            throw new ValidationException(errors);
        }
        List<StepDefinition> parsed = StepValidator.steps(steps, "steps", json);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return parsed;
    }

    private static SequenceSettings settings(JsonNode body, SequenceSettings current,
            FormSlugs forms, JsonFields json) {
        boolean patch = current != null;
        String name = patch && !body.has("name") ? current.name()
                : json.requiredString(body, "name", "name", MAX_NAME);
        String zone = patch && !body.has("time_zone") ? current.timeZone()
                : timeZone(body.get("time_zone"), json);
        SendWindow window = patch && !body.has("window") ? current.window()
                : SequenceJson.window(body.get("window"), "window", json);
        GoalExits goals = patch && !body.has("goal_exits") ? current.goals()
                : goals(body.get("goal_exits"), forms, json);
        String reenroll = patch && !body.has("reenroll") ? current.reenroll()
                : json.string(body, "reenroll", "reenroll", 20, false);
        if (reenroll == null) {
            reenroll = "never";
        } else if (!REENROLL.contains(reenroll)) {
            json.error("reenroll", "Must be 'never' (a lead runs the sequence once) or"
                    + " 'after_end' (again once its enrollment ended); got '" + reenroll + "'.");
        }
        return new SequenceSettings(name, zone, window, goals, reenroll);
    }

    private static String timeZone(JsonNode node, JsonFields json) {
        if (node == null || node.isNull()) {
            return "UTC";
        }
        String zone = node.isTextual() ? node.asText().strip() : node.toString();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            json.error("time_zone", "Must be an IANA time zone such as 'America/New_York' or"
                    + " 'UTC'; got '" + zone + "'.");
            return null;
        }
        return zone;
    }

    /**
     * Reads goal exits. Stages and tags follow the rules of lead edits, and each form must
     * exist: a form named by its id is stored by its slug, which is what submissions match.
     */
    private static GoalExits goals(JsonNode node, FormSlugs forms, JsonFields json) {
        if (node != null && node.isObject()) {
            json.unknownProperties(node, "goal_exits.", GOALS);
        }
        GoalExits goals;
        try {
            goals = GoalExits.parse(node);
        } catch (IllegalArgumentException e) {
            json.error("goal_exits", "Invalid goal exits: " + e.getMessage() + ".");
            return GoalExits.NONE;
        }
        for (int i = 0; i < goals.stages().size(); i++) {
            String stage = goals.stages().get(i);
            if (!LeadLabels.isStage(stage)) {
                json.error("goal_exits.stages[" + i + "]", "Invalid stage '" + stage + "'. "
                        + LeadLabels.STAGE_RULE);
            }
        }
        if (node != null && node.isObject()) {
            json.tags(node, "tags", "goal_exits.tags", LeadLabels.MAX_TAGS,
                    LeadLabels.MAX_TAG);
        }
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < goals.forms().size(); i++) {
            String ref = goals.forms().get(i);
            Optional<String> slug = forms.find(ref);
            if (slug.isEmpty()) {
                json.error("goal_exits.forms[" + i + "]", "No form has the slug or id '" + ref
                        + "'; name an existing form, as listed by GET /api/v1/forms.");
            } else if (!slugs.contains(slug.get())) {
                slugs.add(slug.get());
            }
        }
        return new GoalExits(goals.stages(), goals.tags(), slugs, goals.anyOtherForm());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("body", "Must be a JSON object describing the"
                    + " sequence, such as {\"key\": \"trial\", \"name\": \"Trial\", \"steps\":"
                    + " []}.");
        }
    }
}
