package io.tendril.capture;

import java.util.List;
import java.util.Optional;

/** A form as the capture path needs it. */
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
        String thankYouMessage) {

    /** Returns true when {@code origin} may post to this form from a browser; empty allows all. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }

    /** Returns the consent field, if the form asks for consent. */
    public Optional<FormField> consentField() {
        return fields.stream().filter(f -> "consent".equals(f.type())).findFirst();
    }
}
