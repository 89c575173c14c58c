package io.tendril.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Logs a failure that repeats every second without flooding: the first one with its stack
 * trace, then one line per {@link #SUMMARY_INTERVAL} with the count of repeats, and one line
 * when the work succeeds again.
 */
final class RepeatedFailures {

    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final String work;
    private final Clock clock;
    private boolean failing;
    private int repeats;
    private int total;
    private Instant summarisedAt;

    RepeatedFailures(Logger log, String work, Clock clock) {
        this.log = log;
        this.work = work;
        this.clock = clock;
    }

    /** Records one failure; logs it in full when it starts a run of failures. */
    synchronized void failed(RuntimeException error) {
        Instant now = clock.instant();
        total++;
        if (!failing) {
            failing = true;
            summarisedAt = now;
            log.error("{} failed; it is retried every second, and repeats are counted once a"
                    + " minute", work, error);
            return;
        }
        repeats++;
        if (Duration.between(summarisedAt, now).compareTo(SUMMARY_INTERVAL) >= 0) {
            log.error("{} failed {} more times in the last {} s: {}", work, repeats,
                    Duration.between(summarisedAt, now).toSeconds(), error.toString());
            repeats = 0;
            summarisedAt = now;
        }
    }

    /** Records a success; ends a run of failures with one line. */
    synchronized void succeeded() {
        if (failing) {
            log.info("{} works again after {} failures", work, total);
            failing = false;
            repeats = 0;
            total = 0;
        }
    }
}
