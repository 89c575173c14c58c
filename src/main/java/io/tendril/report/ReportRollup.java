package io.tendril.report;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds new events to the report counters and to the leads' scores. Each batch reads the events
 * past the stored position in id order, updates the counters and scores and moves the position
 * in one transaction that keeps the position's row locked. A crash therefore leaves a batch
 * wholly counted or not at all, and passes running on two nodes at once count each event once.
 */
public final class ReportRollup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportRollup.class);

    /** The events read per transaction. */
    static final int BATCH = 50_000;
    /**
     * How long a transaction may hold an events id before committing. Events whose ids are
     * younger than this wait for a later pass.
     */
    public static final Duration COMMIT_LAG = Duration.ofSeconds(30);

    /** How often the rollup runs; with {@link #COMMIT_LAG}, figures run up to about 90 s behind. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final Duration lag;
    private volatile boolean closed;

    public ReportRollup(Jdbi jdbi, Duration lag) {
        this.jdbi = jdbi;
        this.lag = lag;
    }

    /**
     * Counts every event up to the horizon, one batch after another, and returns how many event
     * ids it moved past.
     */
    public long run() {
        long started = System.nanoTime();
        long horizon = jdbi.inTransaction(h -> {
            RollupDao dao = h.attach(RollupDao.class);
            dao.lockState();
            dao.insertMark();
            long found = dao.findHorizon(lag.toMillis()).orElse(0L);
            dao.deleteOldMarks(found);
            return found;
        });

        long moved = 0;
        while (!closed) {
            long step = jdbi.inTransaction(h -> batch(h.attach(RollupDao.class), horizon));
            if (step == 0) {
                break;
            }
            moved += step;
        }
        if (moved > 0) {
            log.info("Report rollup counted event ids up to {}: {} ids in {} ms", horizon, moved,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return moved;
    }

    /**
     * Makes a running pass stop after its current batch, so that a node shutting down does not
     * wait for a long catch-up. The next pass, on any node, goes on from there.
     */
    @Override
    public void close() {
        closed = true;
    }

    /** Counts one batch up to {@code horizon}; returns how many ids it moved past. */
    private static long batch(RollupDao dao, long horizon) {
        long after = dao.lockState();
        if (after >= horizon) {
            return 0;
        }
        long upTo = Math.min(horizon, after + BATCH);
        // Before the message counters, which record the first opens and clicks it looks at.
        dao.rollUpScores(after, upTo);
        dao.rollUpMessages(after, upTo);
        dao.rollUpForms(after, upTo);
        dao.rollUpConversions(after, upTo);
        dao.advance(upTo);
        return upTo - after;
    }
}
