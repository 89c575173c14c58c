package io.tendril.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the template scope of a hosted form page, and the widget's public form definition. */
final class FormView {

    /** The types rendered as a single-line {@code <input>}. */
    private static final Set<String> INPUT_TYPES = Set.of("email", "text", "phone", "number",
            "date");

    private FormView() {
    }

    /**
     * Returns the scope for {@code templates/pages/form.mustache}: the landing content, every
     * field with its value and error, the attribution values as hidden inputs, and the
     * spam-defence inputs. {@code notice} is a message about the whole form, such as the
     * rate limit, or null.
     */
    static Map<String, Object> page(Form form, Map<String, String> values,
            Map<String, String> errors, String notice, boolean embed, String renderToken) {
        List<Map<String, Object>> fields = new ArrayList<>();
        List<Map<String, Object>> summary = new ArrayList<>();
        for (FormField field : form.fields()) {
            Map<String, Object> view = field(form, field, values, errors.get(field.name()));
            fields.add(view);
            if (view.get("error") != null) {
                summary.add(Map.of("target", view.get("focusId"),
                        "label", summaryLabel((String) view.get("label")),
                        "error", view.get("error")));
            }
        }
        List<Map<String, String>> attribution = new ArrayList<>();
        for (String name : Submission.ATTRIBUTION_FIELDS) {
            String value = values.get(name);
            if (value != null && !value.isEmpty() && form.field(name).isEmpty()) {
                attribution.add(Map.of("name", name, "value", value));
            }
        }

        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("form", Map.of("slug", form.slug(), "name", form.name()));
        scope.put("landing", LandingView.of(form));
        scope.put("fields", fields);
        scope.put("attribution", attribution);
        scope.put("timeZone", values.getOrDefault("time_zone", ""));
        scope.put("action", "/f/" + form.slug() + (embed ? "?embed=1" : ""));
        scope.put("embed", embed);
        scope.put("hasErrors", !errors.isEmpty());
        scope.put("notice", notice);
        scope.put("errorSummary", summary);
        scope.put("otherErrors", otherErrors(form, errors));
        scope.put("renderToken", renderToken);
        scope.put("honeypot", SpamGuard.HONEYPOT);
        scope.put("powBits", form.spam().powBits() > 0 ? form.spam().powBits() : null);
        return scope;
    }

    private static Map<String, Object> field(Form form, FormField field,
            Map<String, String> values, String error) {
        Map<String, Object> view = new LinkedHashMap<>();
        String id = "tf-" + field.name();
        String value = values.getOrDefault(field.name(), "");
        String type = field.type();
        view.put("id", id);
        view.put("focusId", "multi-select".equals(type) ? id + "-0" : id);
        view.put("name", field.name());
        view.put("label", "consent".equals(type) && !form.consentText().isEmpty()
                ? form.consentText() : field.displayLabel());
        view.put("placeholder", field.placeholder());
        view.put("pattern", field.pattern());
        view.put("help", field.help());
        view.put("required", field.required());
        view.put("maxLength", maxLength(field));
        view.put("value", value);
        view.put("checked", field.isCheckbox() && FieldRules.isTicked(value));
        view.put("error", error);
        view.put("describedBy", describedBy(id, field.help() != null, error != null));
        view.put("helpId", id + "-help");
        view.put("errorId", id + "-error");
        view.put("inputType", inputType(type));
        view.put("autocomplete", autocomplete(field));
        view.put("options", options(field, value));
        view.put("textarea", "textarea".equals(type));
        view.put("select", "select".equals(type));
        view.put("multiSelect", "multi-select".equals(type));
        view.put("checkbox", field.isCheckbox());
        view.put("hidden", "hidden".equals(type));
        view.put("input", INPUT_TYPES.contains(type));
        return view;
    }

    /**
     * Returns the label the field shows, without a final period or colon, so that the summary
     * names the field in the words printed next to it.
     */
    private static String summaryLabel(String label) {
        return label.strip().replaceAll("[.:]+$", "");
    }

    /**
     * Returns the field's maximum length; an email field never allows more than the
     * {@link io.tendril.lead.EmailAddress#MAX_LENGTH} characters the validator accepts.
     */
    private static int maxLength(FormField field) {
        if ("email".equals(field.type())) {
            return Math.min(field.effectiveMaxLength(), io.tendril.lead.EmailAddress.MAX_LENGTH);
        }
        return field.effectiveMaxLength();
    }

    private static String describedBy(String id, boolean help, boolean error) {
        String ids = (help ? id + "-help " : "") + (error ? id + "-error" : "");
        return ids.isBlank() ? null : ids.strip();
    }

    private static String autocomplete(FormField field) {
        return switch (field.type()) {
            case "email" -> "email";
            case "phone" -> "tel";
            default -> switch (field.name()) {
                case "name" -> "name";
                case "company" -> "organization";
                default -> null;
            };
        };
    }

    /**
     * Returns the options with their selected state. A multi-select value arrives joined by
     * {@code ", "}, so an option that itself contains {@code ", "} does not show as ticked when
     * the page is shown again.
     */
    private static List<Map<String, Object>> options(FormField field, String value) {
        List<Map<String, Object>> options = new ArrayList<>();
        if (field.options() == null) {
            return options;
        }
        Set<String> chosen = "multi-select".equals(field.type())
                ? new HashSet<>(Arrays.asList(value.split(", "))) : Set.of(value);
        for (int i = 0; i < field.options().size(); i++) {
            String option = field.options().get(i);
            options.add(Map.of("value", option, "index", i, "selected", chosen.contains(option),
                    "id", "tf-" + field.name() + "-" + i));
        }
        return options;
    }

    /** Returns the messages for errors on values the page has no field for, such as a token. */
    private static List<String> otherErrors(Form form, Map<String, String> errors) {
        List<String> other = new ArrayList<>();
        errors.forEach((name, message) -> {
            if (form.field(name).isEmpty()) {
                other.add(message);
            }
        });
        return other;
    }

    /**
     * Returns the public definition the widget renders: no ids, no sequence, no origins. It
     * carries the spam-defence contract: the widget sends {@code render_token} back as
     * {@code _render}, leaves the {@code honeypot} field empty and, when {@code pow} is present,
     * sends as {@code _pow} a nonce such that SHA-256 of the UTF-8 bytes of the challenge
     * followed by the nonce starts with {@code bits} zero bits.
     */
    static Map<String, Object> definition(Form form, String renderToken) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FormField field : form.fields()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", field.name());
            view.put("type", field.type());
            view.put("label", "consent".equals(field.type()) && !form.consentText().isEmpty()
                    ? form.consentText() : field.displayLabel());
            if (field.placeholder() != null) {
                view.put("placeholder", field.placeholder());
            }
            if (field.help() != null) {
                view.put("help", field.help());
            }
            view.put("required", field.required());
            view.put("max_length", maxLength(field));
            putIfSet(view, "pattern", field.pattern());
            putIfSet(view, "options", field.options());
            putIfSet(view, "default", field.defaultValue());
            putIfSet(view, "param", field.param());
            fields.add(view);
        }

        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("slug", form.slug());
        definition.put("name", form.name());
        definition.put("fields", fields);
        definition.put("submit_label", "Submit");
        definition.put("thank_you_message", form.thankYouMessage());
        putIfSet(definition, "thank_you_url", form.thankYouUrl());
        definition.put("double_opt_in", form.doubleOptIn());

        definition.put("render_token", renderToken);
        definition.put("honeypot", SpamGuard.HONEYPOT);
        if (form.spam().powBits() > 0) {
            definition.put("pow", Map.of("algorithm", "sha256", "challenge", renderToken,
                    "bits", form.spam().powBits()));
        }
        return definition;
    }

    private static void putIfSet(Map<String, Object> view, String key, Object value) {
        if (value != null) {
            view.put(key, value);
        }
    }

    private static String inputType(String type) {
        return switch (type) {
            case "email" -> "email";
            case "phone" -> "tel";
            case "number" -> "number";
            case "date" -> "date";
            default -> "text";
        };
    }
}
