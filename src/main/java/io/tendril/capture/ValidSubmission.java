package io.tendril.capture;

import io.tendril.lead.EmailAddress;
import java.util.Map;

/**
 * A submission that passed validation, with every value cleaned and within its limits.
 * {@code custom} holds the form's other fields: strings, a list of strings for a multi-select,
 * a boolean for a checkbox.
 */
public record ValidSubmission(
        EmailAddress email,
        String name,
        String phone,
        String company,
        Map<String, Object> custom,
        Map<String, String> attribution,
        String timeZone,
        boolean consentGiven) {
}
