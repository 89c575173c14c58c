package io.tendril.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code step} template variables (id, name, position) and the {@code form} ones (name,
 * slug), loaded once per step and kept, so composing an email runs no database statement once
 * its step was seen.
 */
public final class StepDirectory {

    private static final int MAX_CACHED = 10_000;

    private final Jdbi jdbi;
    private final Map<Long, Variables> cache = new ConcurrentHashMap<>();

    /** The variables of one step. */
    private record Variables(Map<String, Object> step, Map<String, Object> form) {
    }

    /** {@code jdbi} null gives only {@code step.id}, for composition without a database. */
    public StepDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Returns the {@code step} variables of step {@code stepId}. */
    public Map<String, Object> step(long stepId) {
        return variables(stepId).step();
    }

    /**
     * Returns the {@code form} variables: the form that feeds the step's sequence, the oldest
     * when several do, so not necessarily the form this lead used. Empty when none does.
     */
    public Map<String, Object> form(long stepId) {
        return variables(stepId).form();
    }

    private Variables variables(long stepId) {
        if (jdbi == null) {
            return new Variables(Map.of("id", stepId), Map.of());
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(stepId, this::load);
    }

    // NOTE: a step renamed in place keeps its old name here until the node restarts.
    private Variables load(long stepId) {
        Map<String, Object> step = new HashMap<>();
        step.put("id", stepId);
        Map<String, Object> form = new HashMap<>();
        jdbi.withExtension(TemplateDao.class, dao -> dao.findStepInfo(stepId)).ifPresent(info -> {
            step.put("name", info.name());
            step.put("position", info.position());
            if (info.formSlug() != null) {
                form.put("name", info.formName());
                form.put("slug", info.formSlug());
            }
        });
        return new Variables(Map.copyOf(step), Map.copyOf(form));
    }
}
