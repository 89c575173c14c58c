package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What step conditions and goal exits look at: the lead's stage, tags, attributes and score,
 * and whether a human opened or clicked the enrollment's previous email.
 */
public record LeadFacts(String stage, Set<String> tags, JsonNode attributes, int score,
        boolean previousOpened, boolean previousClicked) {

    public LeadFacts {
        tags = Set.copyOf(tags);
        attributes = attributes == null ? Json.MAPPER.createObjectNode() : attributes;
    }

    /** Reads the attributes from their JSON text. */
    public static LeadFacts of(String stage, Set<String> tags, String attributesJson, int score,
            boolean previousOpened, boolean previousClicked) {
        JsonNode attributes = attributesJson == null ? null
                : Json.read(attributesJson, JsonNode.class);
        return new LeadFacts(stage, tags, attributes, score, previousOpened, previousClicked);
    }

    /** The attribute's values as text: one for a scalar, each item for a list, none if absent. */
    public List<String> attribute(String name) {
        JsonNode value = attributes.get(name);
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(item -> values.add(item.asText()));
        } else if (value.isValueNode()) {
            values.add(value.asText());
        }
        return values;
    }

    /** The same lead with another stage. */
    public LeadFacts withStage(String newStage) {
        return new LeadFacts(newStage, tags, attributes, score, previousOpened,
                previousClicked);
    }

    /** The same lead with other tags. */
    public LeadFacts withTags(Set<String> newTags) {
        return new LeadFacts(stage, newTags, attributes, score, previousOpened,
                previousClicked);
    }
}
