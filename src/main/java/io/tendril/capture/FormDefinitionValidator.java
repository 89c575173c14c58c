package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a form definition sent to the forms API into a {@link FormDefinition}, or throws a 422
 * that names every invalid value by its path, such as {@code fields[1].options}.
 */
final class FormDefinitionValidator {

    static final int MAX_FIELDS = 50;
    static final String DEFAULT_THANK_YOU = "Thank you! Please check your inbox.";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern STAGE = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final int MAX_TEXT = 200;
    /** The properties of a form definition, as the forms API reads and shows them. */
    private static final Set<String> PROPERTIES = Set.of("slug", "name", "fields",
            "allowed_origins", "thank_you_url", "thank_you_message", "double_opt_in",
            "consent_text", "consent_version", "sequence_id", "tags", "stage", "landing",
            "spam");
    /**
     * The properties that PUT and PATCH take besides the definition: {@code version} and
     * {@code status}, and the read-only ones that GET shows, so that a form read with GET can
     * be sent back. {@code created_at} and {@code updated_at} are ignored, and {@code id} must
     * be the form's own.
     */
    private static final Set<String> EDIT_PROPERTIES = Set.of("version", "status", "id",
            "created_at", "updated_at");
    private static final Set<String> LANDING = Set.of("headline", "body", "image_url");
    private static final Set<String> SPAM = Set.of("min_fill_seconds", "require_render_token",
            "pow_bits", "ip_limit", "ip_limit_seconds", "email_limit", "email_limit_seconds");
    /** Nested keys suggested for a misplaced top-level one, such as {@code pow_bits}. */
    private static final Set<String> NESTED = nested();

    private FormDefinitionValidator() {
    }

    /** Validates {@code body}, a JSON object with the forms API's property names. */
    static FormDefinition validate(JsonNode body) {
        return validate(body, null);
    }

    /**
     * Validates {@code body} as the new definition of {@code current}, accepting the
     * {@link #EDIT_PROPERTIES} too. A null {@code current} validates a new form.
     */
    static FormDefinition validate(JsonNode body, Form current) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("body", "Must be a JSON object describing the form.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonFields json = new JsonFields(errors);
        if (current == null) {
            json.unknownProperties(body, "", PROPERTIES, NESTED);
        } else {
            checkEditProperties(body, current, json);
        }

        String slug = json.requiredString(body, "slug", "slug", 63);
        if (slug != null && !SLUG.matcher(slug).matches()) {
            json.error("slug", "Use 1 to 63 lowercase letters, digits and hyphens, starting with"
                    + " a letter or digit, such as 'spring-webinar'.");
        }
        String name = json.requiredString(body, "name", "name", MAX_TEXT);
        List<FormField> fields = FormFieldValidator.validate(body.get("fields"), json);
        List<String> origins = origins(json.strings(body, "allowed_origins", "allowed_origins",
                50, 300), json);
        String thankYouUrl = httpUrl(json, json.string(body, "thank_you_url", "thank_you_url",
                2000, false), "thank_you_url");
        String thankYouMessage = json.string(body, "thank_you_message", "thank_you_message",
                1000, false);
        boolean doubleOptIn = json.bool(body, "double_opt_in", "double_opt_in", false);
        String consentText = json.string(body, "consent_text", "consent_text", 2000, false);
        boolean asksConsent = fields.stream().anyMatch(field -> "consent".equals(field.type()));
        boolean noConsentText = consentText == null || consentText.isEmpty();
        if (asksConsent && noConsentText && !errors.containsKey("consent_text")) {
            json.error("consent_text", "A form with a consent field needs the consent text the"
                    + " visitor agrees to, such as \"Send me product emails. I can unsubscribe at"
                    + " any time.\"");
        }
        int consentVersion = json.integer(body, "consent_version", "consent_version", 1,
                1_000_000, 1);
        Long sequenceId = sequenceId(body.get("sequence_id"), json);
        List<String> tags = json.tags(body, "tags", "tags", 20, 40);
        String stage = json.string(body, "stage", "stage", 40, false);
        if (stage != null && !stage.isEmpty() && !STAGE.matcher(stage).matches()) {
            json.error("stage", "Use lowercase letters, digits, '_' and '-', such as 'mql'.");
        }
        Form.Landing landing = landing(json, json.object(body, "landing", "landing"));
        SpamSettings spam = spam(json, json.object(body, "spam", "spam"));

        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new FormDefinition(slug, name, fields, origins, thankYouUrl,
                thankYouMessage == null || thankYouMessage.isEmpty() ? DEFAULT_THANK_YOU
                        : thankYouMessage,
                doubleOptIn, consentText == null ? "" : consentText, consentVersion, sequenceId,
                tags, stage == null || stage.isEmpty() ? null : stage, landing, spam);
    }

    private static void checkEditProperties(JsonNode body, Form current, JsonFields json) {
        Set<String> known = new HashSet<>(PROPERTIES);
        known.addAll(EDIT_PROPERTIES);
        json.unknownProperties(body, "", known, NESTED);

        JsonNode id = body.get("id");
        boolean ownId = id != null && id.isIntegralNumber() && id.asLong() == current.id();
        if (id != null && !id.isNull() && !ownId) {
            json.error("id", "Is " + id + ", but this request changes form " + current.id()
                    + "; send the form's own id or leave id out.");
        }
        JsonNode status = body.get("status");
        if (status != null && !status.isNull()
                && !Form.STATUSES.contains(status.asText())) {
            json.error("status", "Must be 'active' or 'archived'.");
        }
    }

    private static Set<String> nested() {
        Set<String> keys = new HashSet<>();
        LANDING.forEach(key -> keys.add("landing." + key));
        SPAM.forEach(key -> keys.add("spam." + key));
        return Set.copyOf(keys);
    }

    /** Returns each origin as {@code scheme://host[:port]} in lowercase. */
    private static List<String> origins(List<String> raw, JsonFields json) {
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String path = "allowed_origins[" + i + "]";
            try {
                URI uri = new URI(raw.get(i));
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(
                        Locale.ROOT);
                boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null && uri.getRawFragment() == null
                        && uri.getRawUserInfo() == null;
                if (!Set.of("http", "https").contains(scheme) || uri.getHost() == null || !bare) {
                    json.error(path, "Must be an origin such as https://www.example.com, with"
                            + " no path.");
                    continue;
                }
                origins.add(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
            } catch (URISyntaxException e) {
                json.error(path, "Must be an origin such as https://www.example.com.");
            }
        }
        return origins;
    }

    /** Returns {@code raw} when it is an absolute http or https URL, else reports it. */
    static String httpUrl(JsonFields json, String raw, String path) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (Set.of("http", "https").contains(scheme) && uri.getHost() != null) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        json.error(path, "Must be an absolute http or https URL, such as"
                + " https://www.example.com/thanks.");
        return null;
    }

    private static Long sequenceId(JsonNode node, JsonFields json) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            json.error("sequence_id", "Must be the id of a sequence, or null.");
            return null;
        }
        return node.asLong();
    }

    private static Form.Landing landing(JsonFields json, JsonNode node) {
        if (node == null) {
            return Form.Landing.EMPTY;
        }
        json.unknownProperties(node, "landing.", LANDING);
        String headline = json.string(node, "headline", "landing.headline", MAX_TEXT, false);
        String body = json.string(node, "body", "landing.body", 20_000, true);
        String image = json.string(node, "image_url", "landing.image_url", 2000, false);
        if (image != null && !image.isEmpty() && !image.startsWith("/")) {
            image = httpUrl(json, image, "landing.image_url");
        }
        return new Form.Landing(blankToNull(headline), blankToNull(body), blankToNull(image));
    }

    private static SpamSettings spam(JsonFields json, JsonNode node) {
        SpamSettings d = SpamSettings.DEFAULTS;
        if (node == null) {
            return d;
        }
        json.unknownProperties(node, "spam.", SPAM);
        return new SpamSettings(
                json.integer(node, "min_fill_seconds", "spam.min_fill_seconds", 0, 600,
                        d.minFillSeconds()),
                json.bool(node, "require_render_token", "spam.require_render_token",
                        d.requireRenderToken()),
                json.integer(node, "pow_bits", "spam.pow_bits", 0, SpamSettings.MAX_POW_BITS,
                        d.powBits()),
                json.integer(node, "ip_limit", "spam.ip_limit", 1, 100_000, d.ipLimit()),
                json.integer(node, "ip_limit_seconds", "spam.ip_limit_seconds", 1, 86_400,
                        d.ipLimitSeconds()),
                json.integer(node, "email_limit", "spam.email_limit", 1, 100_000,
                        d.emailLimit()),
                json.integer(node, "email_limit_seconds", "spam.email_limit_seconds", 1, 86_400,
                        d.emailLimitSeconds()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
