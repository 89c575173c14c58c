package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What ends a sequence's enrollments early besides unsubscribe, bounce, complaint, erasure and
 * an API call, which always do: reaching one of {@code stages}, gaining one of {@code tags},
 * submitting one of {@code forms} (by slug), or any form other than the enrolling one.
 * Stored as {@code sequences.goal_exits}; the database triggers of migration V40 apply the
 * stage, tag and form rules to every writer, and the due pass applies them to its own steps.
 */
public record GoalExits(List<String> stages, List<String> tags, List<String> forms,
        boolean anyOtherForm) {

    public static final GoalExits NONE = new GoalExits(List.of(), List.of(), List.of(), false);

    public GoalExits {
        stages = List.copyOf(stages);
        tags = List.copyOf(tags);
        forms = List.copyOf(forms);
    }

    /** Whether going from {@code before} to {@code after} reaches a goal stage or tag. */
    public boolean reached(LeadFacts before, LeadFacts after) {
        if (!after.stage().equals(before.stage()) && stages.contains(after.stage())) {
            return true;
        }
        Set<String> had = before.tags();
        return after.tags().stream().anyMatch(tag -> !had.contains(tag) && tags.contains(tag));
    }

    /** Reads stored or submitted goal exits; throws IllegalArgumentException on a bad shape. */
    public static GoalExits parse(JsonNode node) {
        if (node == null || node.isNull() || node.isEmpty()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object with stages, tags, forms or"
                    + " any_other_form");
        }
        JsonNode any = node.path("any_other_form");
        if (!any.isMissingNode() && !any.isBoolean()) {
            throw new IllegalArgumentException("any_other_form must be true or false");
        }
        return new GoalExits(texts(node, "stages"), texts(node, "tags"), texts(node, "forms"),
                any.asBoolean(false));
    }

    /** Reads goal exits stored as JSON text. */
    public static GoalExits parse(String json) {
        return json == null ? NONE : parse(Json.read(json, JsonNode.class));
    }

    public JsonNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        stages.forEach(node.putArray("stages")::add);
        tags.forEach(node.putArray("tags")::add);
        forms.forEach(node.putArray("forms")::add);
        node.put("any_other_form", anyOtherForm);
        return node;
    }

    private static List<String> texts(JsonNode node, String field) {
        JsonNode array = node.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of names");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            String value = item.isTextual() ? item.asText().strip() : "";
            if (value.isEmpty()) {
                throw new IllegalArgumentException(field + " must hold non-empty names");
            }
            values.add(value);
        }
        return values;
    }
}
