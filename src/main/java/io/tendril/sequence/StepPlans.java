package io.tendril.sequence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The steps of each sequence version, loaded once and kept: a version's steps never change,
 * so every node may cache them without coordination.
 */
public final class StepPlans {

    private static final int MAX_CACHED = 5_000;

    private final Jdbi jdbi;
    private final Map<Key, List<StepPlan>> cache = new ConcurrentHashMap<>();

    private record Key(long sequenceId, int version) {
    }

    public StepPlans(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Returns the steps of the version in position order; empty when it has none. */
    public List<StepPlan> steps(long sequenceId, int version) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(new Key(sequenceId, version), key -> List.copyOf(
                jdbi.withExtension(StepPlanDao.class,
                        dao -> dao.findSteps(key.sequenceId(), key.version()))));
    }
}
