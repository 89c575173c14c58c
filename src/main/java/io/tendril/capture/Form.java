package io.tendril.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A form as stored: its definition, its status ({@code active} or {@code archived}) and its
 * version, which every edit raises by one.
 */
public record Form(
        long id,
        String slug,
        String name,
        List<FormField> fields,
        List<String> allowedOrigins,
        Long sequenceId,
        String consentText,
        int consentVersion,
        String thankYouUrl,
        String thankYouMessage,
        boolean doubleOptIn,
        List<String> tags,
        String stage,
        Landing landing,
        SpamSettings spam,
        String status,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    /** The statuses a form can have. */
    public static final List<String> STATUSES = List.of("active", "archived");

    /** Landing-page content for the hosted page at {@code /f/{slug}}; any part may be null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Landing(String headline, String body,
            @JsonProperty("image_url") String imageUrl) {
        public static final Landing EMPTY = new Landing(null, null, null);
    }

    /** Returns true when {@code origin} may post to this form from a browser; empty allows all. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }

    /** Returns the consent field, if the form asks for consent. */
    public Optional<FormField> consentField() {
        for (FormField field : fields) {
            if ("consent".equals(field.type())) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** Returns the field with this name, if the form has one. */
    public Optional<FormField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Returns the definition that the forms API shows and accepts. */
    public FormDefinition definition() {
        return new FormDefinition(slug, name, fields, allowedOrigins, thankYouUrl,
                thankYouMessage, doubleOptIn, consentText, consentVersion, sequenceId, tags, stage,
                landing, spam);
    }
}
