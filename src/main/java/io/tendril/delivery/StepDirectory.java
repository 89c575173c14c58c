package io.tendril.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code step} template variables (id, name, position), loaded once per step and kept, so
 * composing an email runs no database statement once its step was seen.
 */
public final class StepDirectory {

    private static final int MAX_CACHED = 10_000;

    private final Jdbi jdbi;
    private final Map<Long, Map<String, Object>> cache = new ConcurrentHashMap<>();

    /** {@code jdbi} null gives only {@code step.id}, for composition without a database. */
    public StepDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Returns the variables of step {@code stepId}. */
    public Map<String, Object> step(long stepId) {
        if (jdbi == null) {
            return Map.of("id", stepId);
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(stepId, this::load);
    }

    // NOTE: a step renamed in place keeps its old name here until the node restarts.
    private Map<String, Object> load(long stepId) {
        Map<String, Object> step = new HashMap<>();
        step.put("id", stepId);
        jdbi.withExtension(TemplateDao.class, dao -> dao.findStepInfo(stepId)).ifPresent(info -> {
            step.put("name", info.name());
            step.put("position", info.position());
        });
        return Map.copyOf(step);
    }
}
