package io.tendril.capture;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The part of a form that marketers edit through the forms API, validated. */
public record FormDefinition(
        String slug,
        String name,
        List<FormField> fields,
        @JsonProperty("allowed_origins") List<String> allowedOrigins,
        @JsonProperty("thank_you_url") String thankYouUrl,
        @JsonProperty("thank_you_message") String thankYouMessage,
        @JsonProperty("double_opt_in") boolean doubleOptIn,
        @JsonProperty("consent_text") String consentText,
        @JsonProperty("consent_version") int consentVersion,
        @JsonProperty("sequence_id") Long sequenceId,
        List<String> tags,
        String stage,
        Form.Landing landing,
        SpamSettings spam) {
}
