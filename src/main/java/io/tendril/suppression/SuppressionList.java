package io.tendril.suppression;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suppressed email keys held in memory, so that the sender checks every email without a
 * database statement per email. The list reloads at most every {@link #REFRESH}, and a
 * suppression made on this node is added at once; one made on another node shows within
 * {@link #REFRESH}, and its lead status already keeps the claim from picking the lead.
 */
public class SuppressionList {

    private static final Logger log = LoggerFactory.getLogger(SuppressionList.class);
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final Supplier<List<String>> loader;
    private final Clock clock;
    private volatile Set<String> keys = Set.of();
    private volatile long loadedAt = Long.MIN_VALUE;

    // NOTE: every key is held in memory, about 100 bytes each; a list of millions would want a
    // Bloom filter in front of a database check instead.
    public SuppressionList(Supplier<List<String>> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** Returns a list that never suppresses anything, for tests of pure composition. */
    public static SuppressionList empty() {
        return new SuppressionList(List::of, Clock.systemUTC());
    }

    /** Returns true when {@code emailKey} is suppressed. */
    public boolean contains(String emailKey) {
        refreshIfStale();
        return keys.contains(emailKey);
    }

    /** Adds a key made on this node, so that it applies before the next reload. */
    public synchronized void add(String emailKey) {
        Set<String> next = new HashSet<>(keys);
        next.add(emailKey);
        keys = Set.copyOf(next);
    }

    /** Forces a reload on the next check. */
    public void invalidate() {
        loadedAt = Long.MIN_VALUE;
    }

    private void refreshIfStale() {
        long now = clock.millis();
        if (loadedAt != Long.MIN_VALUE && now - loadedAt < REFRESH.toMillis()) {
            return;
        }
        synchronized (this) {
            if (loadedAt != Long.MIN_VALUE && now - loadedAt < REFRESH.toMillis()) {
                return;
            }
            try {
                keys = Set.copyOf(loader.get());
            } catch (RuntimeException e) {
                log.error("Loading the suppression list failed; keeping the {} keys loaded"
                        + " before", keys.size(), e);
            }
            loadedAt = now;
        }
    }
}
