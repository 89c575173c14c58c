package io.tendril.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the template scope of a hosted form page, and the widget's public form definition. */
final class FormView {

    private FormView() {
    }

    /** Returns the scope for {@code templates/pages/form.mustache}. */
    static Map<String, Object> page(Form form, Map<String, String> values,
            Map<String, String> errors, boolean embed, String renderToken) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FormField field : form.fields()) {
            Map<String, Object> view = new LinkedHashMap<>();
            String id = "tf-" + field.name();
            String error = errors.get(field.name());
            view.put("id", id);
            view.put("name", field.name());
            view.put("label", "consent".equals(field.type()) && !form.consentText().isEmpty()
                    ? form.consentText() : field.label());
            view.put("placeholder", field.placeholder());
            view.put("help", field.help());
            view.put("helpId", field.help() == null ? null : id + "-help");
            view.put("required", field.required());
            view.put("maxLength", field.effectiveMaxLength());
            view.put("value", values.getOrDefault(field.name(), ""));
            view.put("checked", field.isCheckbox() && isTicked(values.get(field.name())));
            view.put("error", error);
            view.put("errorId", error == null ? null : id + "-error");
            view.put("inputType", inputType(field.type()));
            view.put("textarea", "textarea".equals(field.type()));
            view.put("checkbox", field.isCheckbox());
            view.put("hidden", "hidden".equals(field.type()));
            view.put("input", !field.isCheckbox() && !"textarea".equals(field.type())
                    && !"hidden".equals(field.type()));
            fields.add(view);
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("form", Map.of("slug", form.slug(), "name", form.name()));
        scope.put("fields", fields);
        scope.put("action", "/f/" + form.slug() + (embed ? "?embed=1" : ""));
        scope.put("embed", embed);
        scope.put("hasErrors", !errors.isEmpty());
        scope.put("errorCount", errors.size());
        scope.put("renderToken", renderToken);
        scope.put("honeypot", SpamGuard.HONEYPOT);
        return scope;
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
                    ? form.consentText() : field.label());
            if (field.placeholder() != null) {
                view.put("placeholder", field.placeholder());
            }
            if (field.help() != null) {
                view.put("help", field.help());
            }
            view.put("required", field.required());
            view.put("max_length", field.effectiveMaxLength());
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

    private static boolean isTicked(String value) {
        return value != null && (value.equals("on") || value.equals("true") || value.equals("1"));
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
