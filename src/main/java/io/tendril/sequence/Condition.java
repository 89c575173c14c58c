package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.http.Json;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a step acts. A step whose condition does not hold is skipped and the lead moves on.
 * Stored as JSON on the step: {@code {"type": "has_tag", "tag": "trial"}},
 * {@code {"type": "stage_in", "stages": ["mql", "sql"]}},
 * {@code {"type": "attribute", "name": "plan", "op": "equals|contains|matches", "value": "pro"}}
 * {@code {"type": "score_at_least", "score": 10}} (also {@code score_below}), or
 * {@code {"type": "opened"}} (also {@code not_opened}, {@code clicked}, {@code not_clicked}:
 * the enrollment's previous email, by a human, not a link scanner or a mail proxy).
 */
public sealed interface Condition {

    /** Whether the condition holds for the lead as it is now. */
    boolean holds(LeadFacts lead);

    /** The condition as stored on the step. */
    JsonNode toJson();

    /** The lead has the tag ({@code has}) or lacks it. */
    record Tag(String tag, boolean has) implements Condition {
        @Override
        public boolean holds(LeadFacts lead) {
            return lead.tags().contains(tag) == has;
        }

        @Override
        public JsonNode toJson() {
            return object(has ? "has_tag" : "lacks_tag").put("tag", tag);
        }
    }

    /** The lead's stage is one of {@code stages}. */
    record StageIn(List<String> stages) implements Condition {
        @Override
        public boolean holds(LeadFacts lead) {
            return stages.contains(lead.stage());
        }

        @Override
        public JsonNode toJson() {
            ObjectNode node = object("stage_in");
            stages.forEach(node.putArray("stages")::add);
            return node;
        }
    }

    /**
     * A lead attribute equals, contains (ignoring case) or matches (a regular expression over the
     * whole value). A list attribute, such as a multi-select, holds when one of its items does.
     */
    record Attribute(String name, String op, String value, Pattern pattern) implements Condition {
        @Override
        public boolean holds(LeadFacts lead) {
            return lead.attribute(name).stream().anyMatch(this::matches);
        }

        private boolean matches(String actual) {
            return switch (op) {
                case "equals" -> actual.equals(value);
                case "contains" -> actual.toLowerCase(Locale.ROOT)
                        .contains(value.toLowerCase(Locale.ROOT));
                default -> pattern.matcher(actual).matches();
            };
        }

        @Override
        public JsonNode toJson() {
            return object("attribute").put("name", name).put("op", op).put("value", value);
        }
    }

    /**
     * The lead's score is at least {@code score} ({@code atLeast}) or below it. The score is
     * the report rollup's, so it lags the events behind it by up to about 90 s.
     */
    record Score(int score, boolean atLeast) implements Condition {
        @Override
        public boolean holds(LeadFacts lead) {
            return (lead.score() >= score) == atLeast;
        }

        @Override
        public JsonNode toJson() {
            return object(atLeast ? "score_at_least" : "score_below").put("score", score);
        }
    }

    /**
     * The previous email of the enrollment was opened or clicked by a human ({@code happened}),
     * or was not. Without a previous email, "opened" and "clicked" do not hold and their
     * negations do.
     */
    record Engagement(String kind, boolean happened) implements Condition {
        @Override
        public boolean holds(LeadFacts lead) {
            boolean did = kind.equals("opened") ? lead.previousOpened() : lead.previousClicked();
            return did == happened;
        }

        @Override
        public JsonNode toJson() {
            return object(happened ? kind : "not_" + kind);
        }
    }

    /**
     * Reads a stored or submitted condition; null or JSON null means none (the step always
     * acts). Throws {@link IllegalArgumentException} saying what is wrong.
     */
    static Condition parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object with a \"type\"");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "has_tag", "lacks_tag" -> new Tag(text(node, "tag"), type.equals("has_tag"));
            case "stage_in" -> new StageIn(texts(node, "stages"));
            case "attribute" -> attribute(node);
            case "score_at_least", "score_below" -> new Score(wholeNumber(node, "score"),
                    type.equals("score_at_least"));
            case "opened", "clicked" -> new Engagement(type, true);
            case "not_opened", "not_clicked" -> new Engagement(type.substring(4), false);
            default -> throw new IllegalArgumentException("type must be one of has_tag,"
                    + " lacks_tag, stage_in, attribute, score_at_least, score_below, opened,"
                    + " not_opened, clicked, not_clicked; got '" + type + "'");
        };
    }

    /** Reads a condition stored as JSON text; null means none. */
    static Condition parse(String json) {
        return json == null ? null : parse(Json.read(json, JsonNode.class));
    }

    private static Condition attribute(JsonNode node) {
        String name = text(node, "name");
        String op = node.path("op").asText("equals");
        String value = node.path("value").isValueNode() ? node.path("value").asText() : null;
        if (value == null) {
            throw new IllegalArgumentException("an attribute condition needs a \"value\"");
        }
        Pattern pattern = null;
        switch (op) {
            case "equals", "contains" -> {
            }
            case "matches" -> {
                try {
                    pattern = Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("value is not a valid regular expression: "
                            + e.getDescription());
                }
            }
            default -> throw new IllegalArgumentException(
                    "op must be equals, contains or matches; got '" + op + "'");
        }
        return new Attribute(name, op, value, pattern);
    }

    private static int wholeNumber(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number, such"
                    + " as 10");
        }
        return value.intValue();
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("").strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value;
    }

    private static List<String> texts(JsonNode node, String field) {
        JsonNode array = node.path(field);
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty list");
        }
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(item -> item.asText("").strip())
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static ObjectNode object(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }
}
