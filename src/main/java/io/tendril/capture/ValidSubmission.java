package io.tendril.capture;

import io.tendril.lead.EmailAddress;
import java.util.Map;

/** A submission that passed validation, with every value cleaned and within its limits. */
public record ValidSubmission(
        EmailAddress email,
        String name,
        String phone,
        String company,
        Map<String, String> custom,
        Map<String, String> attribution,
        String timeZone,
        boolean consentGiven) {
}
