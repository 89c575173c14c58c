package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.capture.JsonFields;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.ValidationException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves running enrollments of older versions to a sequence's current version, on the
 * marketer's request, because an edit alone never moves a lead in flight.
 */
public final class SequenceMigration {

    private static final Logger log = LoggerFactory.getLogger(SequenceMigration.class);

    /** How many enrollments moved to {@code version}, and how many completed instead. */
    record Result(long sequenceId, int version, int moved, int completed) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public SequenceMigration(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Migrates per {@code body}: {@code from_version} (default: every older version) and
     * {@code position_map} ({@code {"2": 3}}: enrollments waiting at old position 2 go to
     * new position 3).
     */
    Result migrate(long sequenceId, JsonNode body) {
        JsonNode request = body == null || body.isNull() ? Json.MAPPER.createObjectNode() : body;
        if (!request.isObject()) {
            throw ValidationException.of("body", "Must be a JSON object such as"
                    + " {\"from_version\": 1}.");
        }
        JsonFields.rejectUnknown(request, Set.of("from_version", "position_map"));
        Result result = jdbi.inTransaction(handle -> {
            Sequence sequence = handle.attach(SequenceDao.class).lockById(sequenceId)
                    .orElseThrow(() -> ApiException.notFound("Sequence " + sequenceId));
            if (sequence.version() == 1) {
                throw new ApiException(409, "conflict", "Sequence " + sequenceId + " has only"
                        + " version 1, so there is no other version to move enrollments to."
                        + " Write version 2 with PUT /api/v1/sequences/" + sequenceId
                        + "/steps first.", Map.of("version", 1));
            }
            Set<Integer> positions = handle.attach(StepPlanDao.class)
                    .findSteps(sequenceId, sequence.version()).stream()
                    .map(StepPlan::position).collect(Collectors.toSet());
            Integer from = fromVersion(request.get("from_version"), sequence.version());
            String map = positionMap(request.get("position_map"), positions);
            List<EnrollmentAdminDao.Migrated> migrated = handle
                    .attach(EnrollmentAdminDao.class)
                    .migrate(sequenceId, from, sequence.version(), map, clock.instant());
            int completed = (int) migrated.stream()
                    .filter(row -> row.status().equals("completed")).count();
            return new Result(sequenceId, sequence.version(), migrated.size() - completed,
                    completed);
        });
        log.info("Sequence {}: {} enrollments moved to version {}, {} completed", sequenceId,
                result.moved(), result.version(), result.completed());
        return result;
    }

    private static Integer fromVersion(JsonNode node, int current) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asInt() < 1 || node.asInt() >= current) {
            throw ValidationException.of("from_version", "Must be an older version than the"
                    + " current " + current + ": a whole number from 1 to " + (current - 1)
                    + "; got " + node + ".");
        }
        return node.asInt();
    }

    private static String positionMap(JsonNode node, Set<Integer> positions) {
        if (node == null || node.isNull()) {
            return "{}";
        }
        if (!node.isObject()) {
            throw ValidationException.of("position_map", "Must be an object from old to new"
                    + " positions, such as {\"2\": 3}.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode map = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "position_map." + entry.getKey();
            JsonNode target = entry.getValue();
            if (!entry.getKey().matches("[1-9][0-9]{0,4}")) {
                errors.put(path, "Old positions are whole numbers from 1.");
            } else if (!target.isIntegralNumber() || !positions.contains(target.asInt())) {
                errors.put(path, "Must be the position of a step of the current version, one"
                        + " of " + positions.stream().sorted().toList() + "; got " + target
                        + ".");
            } else {
                map.put(entry.getKey(), target.asInt());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return map.toString();
    }
}
