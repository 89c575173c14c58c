package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.ValidationException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, edits and archives forms. Each edit raises the form's version and keeps a snapshot of
 * the new definition in {@code form_versions}, so submissions made under an older version keep
 * the definition they were made with.
 */
public final class FormService {

    private static final Logger log = LoggerFactory.getLogger(FormService.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public FormService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a form from {@code body}; a taken slug is a 422 on {@code slug}. */
    public Form create(JsonNode body) {
        FormDefinition definition = FormDefinitionValidator.validate(body);
        Form form = jdbi.inTransaction(handle -> {
            FormDao forms = handle.attach(FormDao.class);
            checkSequence(forms, definition);
            long id = insertOrTaken(() -> forms.insert(row(definition), now())
                    .orElseThrow(FormService::slugTaken));
            Form created = forms.findById(id).orElseThrow();
            forms.insertVersion(id, created.version(), Json.write(created.definition()));
            return created;
        });
        log.info("Form {} created", form.id());
        return form;
    }

    /**
     * Replaces the definition of the form named by {@code ref} (its id or slug) with
     * {@code body}; when {@code merge} is true, properties missing from {@code body} keep their
     * current values. A {@code version} in the body must match the form's, else 409.
     */
    public Form update(String ref, JsonNode body, boolean merge) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("body", "Must be a JSON object describing the form.");
        }
        Form form = jdbi.inTransaction(handle -> {
            FormDao forms = handle.attach(FormDao.class);
            Form current = find(forms, ref);
            checkVersion(current, body.get("version"));
            JsonNode merged = merge ? merge(current, (ObjectNode) body) : body;
            FormDefinition definition = bumpConsentVersion(current,
                    FormDefinitionValidator.validate(merged, current));
            if (Json.MAPPER.valueToTree(definition).equals(
                    Json.MAPPER.valueToTree(current.definition()))) {
                // Nothing in the definition changed: no new version, only a status change.
                applyStatus(forms, current, body.get("status"));
                return forms.findById(current.id()).orElseThrow();
            }
            checkSequence(forms, definition);
            int changed = insertOrTaken(() -> forms.update(current.id(), current.version(),
                    row(definition), now()));
            if (changed == 0) {
                throw conflict(current);
            }
            Form updated = forms.findById(current.id()).orElseThrow();
            forms.insertVersion(updated.id(), updated.version(),
                    Json.write(updated.definition()));
            applyStatus(forms, updated, body.get("status"));
            return forms.findById(current.id()).orElseThrow();
        });
        log.info("Form {} updated to version {}", form.id(), form.version());
        return form;
    }

    /** Archives the form: its page and submissions return 404, and its data stays. */
    public Form archive(String ref) {
        Form form = jdbi.inTransaction(handle -> {
            FormDao forms = handle.attach(FormDao.class);
            Form current = find(forms, ref);
            forms.setStatus(current.id(), "archived", now());
            return forms.findById(current.id()).orElseThrow();
        });
        log.info("Form {} archived", form.id());
        return form;
    }

    public Form get(String ref) {
        return jdbi.withExtension(FormDao.class, forms -> find(forms, ref));
    }

    /** Returns forms by id; {@code status} null lists active and archived forms. */
    public List<Form> list(String status, int limit) {
        if (status != null && !Form.STATUSES.contains(status)) {
            throw ValidationException.of("status", "Must be 'active' or 'archived'.");
        }
        return jdbi.withExtension(FormDao.class, forms -> forms.list(status, limit));
    }

    /** Returns the definition of version {@code version} of the form, as stored then. */
    public JsonNode version(String ref, int version) {
        return jdbi.withExtension(FormDao.class, forms -> {
            Form form = find(forms, ref);
            String definition = forms.findVersion(form.id(), version).orElseThrow(() ->
                    ApiException.notFound("Version " + version + " of form " + form.id()));
            return Json.read(definition, JsonNode.class);
        });
    }

    private static Form find(FormDao forms, String ref) {
        if (ref.matches("[0-9]{1,18}")) {
            return forms.findById(Long.parseLong(ref))
                    .orElseThrow(() -> ApiException.notFound("Form " + ref));
        }
        return forms.findBySlug(ref).orElseThrow(() -> ApiException.notFound("Form '" + ref
                + "'"));
    }

    private static void checkVersion(Form current, JsonNode requestedVersion) {
        if (requestedVersion == null || requestedVersion.isNull()) {
            return;
        }
        if (!requestedVersion.isIntegralNumber() || !requestedVersion.canConvertToInt()) {
            throw ValidationException.of("version", "Must be a whole number, the version of"
                    + " the form you edited (it is now " + current.version() + "); got "
                    + requestedVersion + ".");
        }
        if (requestedVersion.asInt() != current.version()) {
            throw conflict(current);
        }
    }

    private static ApiException conflict(Form current) {
        return new ApiException(409, "conflict", "Form " + current.id() + " was changed by"
                + " someone else; it is now at version " + current.version()
                + ". Read it again and reapply your change.",
                Map.of("version", current.version()));
    }

    /** Sets the status that {@link FormDefinitionValidator} checked, when it changed. */
    private void applyStatus(FormDao forms, Form form, JsonNode status) {
        if (status == null || status.isNull() || status.asText().equals(form.status())) {
            return;
        }
        forms.setStatus(form.id(), status.asText(), now());
    }

    private static JsonNode merge(Form current, ObjectNode body) {
        ObjectNode merged = Json.MAPPER.valueToTree(current.definition());
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode existing = merged.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                ((ObjectNode) existing).setAll((ObjectNode) entry.getValue());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    /**
     * Raises the consent version when the consent text changes and the caller did not raise it,
     * so that every consent row names the exact text the lead agreed to.
     */
    private static FormDefinition bumpConsentVersion(Form current, FormDefinition next) {
        if (Objects.equals(current.consentText(), next.consentText())
                || next.consentVersion() > current.consentVersion()) {
            return next;
        }
        return new FormDefinition(next.slug(), next.name(), next.fields(),
                next.allowedOrigins(), next.thankYouUrl(), next.thankYouMessage(),
                next.doubleOptIn(), next.consentText(), current.consentVersion() + 1,
                next.sequenceId(), next.tags(), next.stage(), next.landing(), next.spam());
    }

    private static void checkSequence(FormDao forms, FormDefinition definition) {
        if (definition.sequenceId() == null) {
            return;
        }
        String status = forms.sequenceStatus(definition.sequenceId()).orElseThrow(() ->
                ValidationException.of("sequence_id", "No sequence has id "
                        + definition.sequenceId() + "."));
        if (status.equals("archived")) {
            throw ValidationException.of("sequence_id", "Sequence " + definition.sequenceId()
                    + " is archived, so no lead would be enrolled in it; name an active one.");
        }
    }

    private static <T> T insertOrTaken(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("forms_slug_key")) {
                throw slugTaken();
            }
            throw e;
        }
    }

    private static ValidationException slugTaken() {
        return ValidationException.of("slug", "Another form already uses this slug; choose"
                + " another.");
    }

    private Instant now() {
        return clock.instant();
    }

    static FormDao.FormRow row(FormDefinition d) {
        SpamSettings spam = d.spam();
        return new FormDao.FormRow(d.slug(), d.name(), Json.write(d.fields()),
                d.allowedOrigins().toArray(String[]::new), d.sequenceId(), d.consentText(),
                d.consentVersion(), d.thankYouUrl(), d.thankYouMessage(), d.doubleOptIn(),
                d.tags().toArray(String[]::new), d.stage(), Json.write(d.landing()),
                spam.minFillSeconds(), spam.requireRenderToken(), spam.powBits(),
                spam.ipLimit(), spam.ipLimitSeconds(), spam.emailLimit(),
                spam.emailLimitSeconds());
    }
}
