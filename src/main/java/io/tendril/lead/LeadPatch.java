package io.tendril.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.capture.JsonFields;
import io.tendril.http.Json;
import io.tendril.http.ValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A change to a lead through the API: a new stage, tags replaced, added or removed, and
 * attributes merged in (an attribute set to null is removed).
 *
 * @param stage null keeps the stage
 * @param tags null keeps the tags; otherwise they replace them before adding and removing
 */
record LeadPatch(String stage, List<String> tags, List<String> addTags, List<String> removeTags,
        ObjectNode setAttributes, List<String> removeAttributes) {

    private static final Set<String> PROPERTIES = Set.of("stage", "tags", "add_tags",
            "remove_tags", "attributes");
    private static final int MAX_TAGS = LeadLabels.MAX_TAGS;
    private static final int MAX_TAG = LeadLabels.MAX_TAG;
    private static final int MAX_ATTRIBUTES = LeadAttributes.MAX_ATTRIBUTES;

    /** Returns the lead's tags after this patch: kept or replaced, then added, then removed. */
    List<String> tagsOf(List<String> current) {
        Set<String> result = new LinkedHashSet<>(tags == null ? current : tags);
        result.addAll(addTags);
        removeTags.forEach(result::remove);
        return List.copyOf(result);
    }

    static LeadPatch parse(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ValidationException.of("body", "Must be a JSON object with at least one of "
                    + String.join(", ", PROPERTIES.stream().sorted().toList()) + ".");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonFields json = new JsonFields(errors);
        body.fieldNames().forEachRemaining(name -> {
            if (!PROPERTIES.contains(name)) {
                json.error(name, JsonFields.suggestion(name, PROPERTIES)
                        .map(key -> "Unknown property; did you mean " + key + "?")
                        .orElse("Cannot be changed here; a lead patch accepts stage, tags,"
                                + " add_tags, remove_tags and attributes."));
            }
        });

        String stage = json.string(body, "stage", "stage", LeadLabels.MAX_STAGE, false);
        if (body.has("stage") && !LeadLabels.isStage(stage)) {
            json.error("stage", LeadLabels.STAGE_RULE);
        }
        List<String> tags = body.has("tags") && !body.get("tags").isNull()
                ? json.tags(body, "tags", "tags", MAX_TAGS, MAX_TAG) : null;
        List<String> add = json.tags(body, "add_tags", "add_tags", MAX_TAGS, MAX_TAG);
        List<String> remove = json.strings(body, "remove_tags", "remove_tags", MAX_TAGS,
                MAX_TAG);
        ObjectNode set = Json.MAPPER.createObjectNode();
        List<String> unset = new ArrayList<>();
        attributes(json.object(body, "attributes", "attributes"), set, unset, json);

        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new LeadPatch(stage, tags, add, remove, set, unset);
    }

    private static void attributes(JsonNode node, ObjectNode set, List<String> unset,
            JsonFields json) {
        if (node == null) {
            return;
        }
        if (node.size() > MAX_ATTRIBUTES) {
            json.error("attributes", "Too many attributes: at most " + MAX_ATTRIBUTES
                    + " in one patch.");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "attributes." + entry.getKey();
            JsonNode value = entry.getValue();
            String nameError = LeadAttributes.nameError(entry.getKey());
            String valueError = value.isNull() ? null : LeadAttributes.valueError(value);
            if (nameError != null) {
                json.error(path, nameError);
            } else if (value.isNull()) {
                unset.add(entry.getKey());
            } else if (valueError != null) {
                json.error(path, valueError);
            } else {
                set.set(entry.getKey(), value);
            }
        }
    }
}
