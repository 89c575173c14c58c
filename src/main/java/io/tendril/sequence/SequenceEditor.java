package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, edits and archives sequences. Steps are versioned: replacing the step list writes
 * version n + 1 and makes it current, while running enrollments keep the version they started
 * on until they are migrated explicitly.
 */
public final class SequenceEditor {

    private static final Logger log = LoggerFactory.getLogger(SequenceEditor.class);
    private static final List<String> STATUSES = List.of("draft", "active", "paused",
            "archived");

    /** A sequence with the steps of one of its versions. */
    record Detail(Sequence sequence, int version, List<StepPlan> steps) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public SequenceEditor(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a sequence and version 1 of its steps; a taken key is a 422 on {@code key}. */
    Detail create(JsonNode body) {
        SequenceValidator.NewSequence created = SequenceValidator.create(body,
                ref -> jdbi.withExtension(SequenceDao.class, dao -> formSlug(dao, ref)));
        Detail detail = jdbi.inTransaction(handle -> {
            SequenceDao sequences = handle.attach(SequenceDao.class);
            long id = sequences.insert(created.key(), created.status(), created.settings(),
                    clock.instant()).orElseThrow(() -> ValidationException.of("key",
                            "Another sequence already uses the key '" + created.key()
                                    + "'; choose another."));
            writeSteps(sequences, id, 1, created.steps());
            return detail(handle, id);
        });
        log.info("Sequence {} created with {} steps", detail.sequence().id(),
                detail.steps().size());
        return detail;
    }

    /** Returns the sequence with the steps of its current version. */
    Detail get(long id) {
        return jdbi.withHandle(handle -> detail(handle, id));
    }

    /** Returns sequences by id; {@code status} null lists every one but archived ones. */
    List<Sequence> list(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ValidationException.of("status", "Must be one of " + String.join(", ",
                    STATUSES) + "; got '" + status + "'.");
        }
        return jdbi.withExtension(SequenceDao.class, dao -> dao.list(status, limit));
    }

    /** Returns the steps of version {@code version}; 404 when the sequence never had it. */
    Detail version(long id, int version) {
        return jdbi.withHandle(handle -> {
            Sequence sequence = find(handle.attach(SequenceDao.class), id);
            if (version < 1 || version > sequence.version()) {
                throw ApiException.notFound("Version " + version + " of sequence " + id
                        + " (versions are 1 to " + sequence.version() + ")");
            }
            return new Detail(sequence, version, handle.attach(StepPlanDao.class)
                    .findSteps(id, version));
        });
    }

    /**
     * Changes settings (name, time zone, window, goal exits, re-enrollment) and status. Status
     * goes from draft to active, or between active and paused as the pause and resume routes
     * do; a sequence never goes back to draft. A patch that changes no value, such as
     * {@code {}}, writes nothing and leaves {@code updated_at} as it was.
     */
    Detail patch(long id, JsonNode body) {
        boolean[] changed = new boolean[1];
        Detail detail = jdbi.inTransaction(handle -> {
            SequenceDao sequences = handle.attach(SequenceDao.class);
            Sequence current = lock(sequences, id);
            SequenceSettings settings = SequenceValidator.patch(body, current.settings(),
                    ref -> formSlug(sequences, ref));
            if (!settings.equals(current.settings())) {
                sequences.updateSettings(id, settings, clock.instant());
                changed[0] = true;
            }
            String status = body.path("status").asText(current.status());
            if (!status.equals(current.status())) {
                moveStatus(handle, current, status);
                changed[0] = true;
            }
            return detail(handle, id);
        });
        if (changed[0]) {
            log.info("Sequence {} settings changed", id);
        }
        return detail;
    }

    /** Writes {@code body} as the next version of the steps and makes it current. */
    Detail replaceSteps(long id, JsonNode body) {
        List<StepDefinition> steps = SequenceValidator.steps(body);
        Detail detail = jdbi.inTransaction(handle -> {
            SequenceDao sequences = handle.attach(SequenceDao.class);
            Sequence current = lock(sequences, id);
            if (steps.isEmpty() && !current.status().equals("draft")) {
                throw ValidationException.of("steps", "A " + current.status() + " sequence"
                        + " needs at least one step.");
            }
            int version = sequences.nextVersion(id, clock.instant());
            writeSteps(sequences, id, version, steps);
            return detail(handle, id);
        });
        log.info("Sequence {} steps replaced: version {} with {} steps", id, detail.version(),
                steps.size());
        return detail;
    }

    /**
     * Archives the sequence and exits its running enrollments with reason 'archived'; archiving
     * an archived sequence changes nothing.
     */
    Detail archive(long id) {
        int[] exited = new int[1];
        Detail detail = jdbi.inTransaction(handle -> {
            SequenceDao sequences = handle.attach(SequenceDao.class);
            sequences.lockById(id).orElseThrow(() -> ApiException.notFound("Sequence " + id));
            List<String> forms = sequences.findFeedingForms(id);
            if (!forms.isEmpty()) {
                throw new ApiException(409, "conflict", "Forms " + String.join(", ", forms)
                        + " still enroll their new leads in sequence " + id + "; point them at"
                        + " another sequence (or archive them) first.", Map.of("forms", forms));
            }
            sequences.archive(id, clock.instant());
            exited[0] = handle.attach(EnrollmentAdminDao.class)
                    .exitAllOfSequence(id, "archived", clock.instant());
            return detail(handle, id);
        });
        log.info("Sequence {} archived; {} running enrollments exited", id, exited[0]);
        return detail;
    }

    private void moveStatus(Handle handle, Sequence current, String to) {
        String from = current.status();
        if (to.equals("draft")) {
            throw conflict(current, backToDraft(current));
        }
        if (to.equals("paused") && !from.equals("active")) {
            throw conflict(current, "Sequence " + current.id() + " is " + from + "; only an"
                    + " active sequence can be paused. Activate it with {\"status\": \"active\"}"
                    + " first.");
        }
        if (to.equals("active") && handle.attach(StepPlanDao.class)
                .findSteps(current.id(), current.version()).isEmpty()) {
            throw ValidationException.of("status", "Sequence " + current.id() + " has no steps;"
                    + " add steps with PUT /api/v1/sequences/" + current.id() + "/steps first.");
        }
        handle.attach(SequenceDao.class).setStatus(current.id(), from, to, clock.instant());
        log.info("Sequence {} is {}", current.id(), to);
    }

    /** The message for a request to move an active or paused sequence back to draft. */
    private static String backToDraft(Sequence current) {
        String prefix = "Sequence " + current.id() + " is " + current.status()
                + " and cannot go back to draft. ";
        if (current.status().equals("paused")) {
            return prefix + "While paused it sends nothing; resume it with {\"status\":"
                    + " \"active\"}, or archive it with DELETE /api/v1/sequences/"
                    + current.id() + ".";
        }
        return prefix + "To stop sending, pause it with {\"status\": \"paused\"}.";
    }

    private static void writeSteps(SequenceDao sequences, long id, int version,
            List<StepDefinition> steps) {
        for (int i = 0; i < steps.size(); i++) {
            sequences.insertVersionStep(id, version, i + 1, steps.get(i));
        }
    }

    private static Detail detail(Handle handle, long id) {
        Sequence sequence = find(handle.attach(SequenceDao.class), id);
        return new Detail(sequence, sequence.version(), handle.attach(StepPlanDao.class)
                .findSteps(id, sequence.version()));
    }

    private static Optional<String> formSlug(SequenceDao sequences, String ref) {
        Long id = ref.matches("[1-9][0-9]{0,17}") ? Long.valueOf(ref) : null;
        return sequences.findFormSlug(ref, id);
    }

    static Sequence find(SequenceDao sequences, long id) {
        return sequences.findById(id).orElseThrow(() -> ApiException.notFound("Sequence "
                + id));
    }

    private static Sequence lock(SequenceDao sequences, long id) {
        Sequence sequence = sequences.lockById(id)
                .orElseThrow(() -> ApiException.notFound("Sequence " + id));
        if (sequence.status().equals("archived")) {
            throw conflict(sequence, "Sequence " + id + " is archived and cannot be changed.");
        }
        return sequence;
    }

    private static ApiException conflict(Sequence sequence, String message) {
        return new ApiException(409, "conflict", message, Map.of("status", sequence.status()));
    }
}
