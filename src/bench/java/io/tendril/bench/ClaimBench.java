package io.tendril.bench;

import com.sun.management.OperatingSystemMXBean;
import io.tendril.db.Database;
import io.tendril.delivery.DueMessage;
import io.tendril.delivery.JdbiDeliveryStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;

/**
 * Measures Tendril's due claim ({@link JdbiDeliveryStore#claimDue}: the retry claim, then the
 * enrollment claim with its step rules and the message, enrollment and event writes) the way
 * {@code pgbench} measures reference Q: {@code CLIENTS} threads, each claiming up to
 * {@code LIMIT} rows at the fixed time {@code NOW} in a transaction that is rolled back, so that
 * every claim sees the same queue.
 *
 * <p>Usage: {@code ClaimBench JDBC_URL CLIENTS LIMIT NOW WARMUP_SECONDS DURATION_SECONDS}, as
 * user {@code postgres} without a password. After one checked claim and the warm-up it prints
 * {@code READY}. Then each line read from standard input runs one repetition and prints
 * {@code BENCH claims=N tps=T p99=MS messages=M cpu_ms=C}: claims per second, the 99th
 * percentile of one claim's time, the messages returned per claim and this process's CPU time
 * per claim. It ends at the end of its input. Tendril's logs go to standard error.
 */
public final class ClaimBench {

    private static final String NODE_ID = "bench";

    private final Jdbi jdbi;
    private final JdbiDeliveryStore store;
    private final Instant now;
    private final int limit;

    private ClaimBench(Jdbi jdbi, Instant now, int limit) {
        this.jdbi = jdbi;
        this.store = new JdbiDeliveryStore(jdbi, NODE_ID);
        this.now = now;
        this.limit = limit;
    }

    /** The outcome of one thread's claims during a repetition. */
    private record Claims(long[] nanos, long messages) {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        System.setOut(System.err);
        int clients = Integer.parseInt(args[1]);
        int limit = Integer.parseInt(args[2]);
        Instant now = OffsetDateTime.parse(args[3].replace(' ', 'T')).toInstant();
        int warmupSeconds = Integer.parseInt(args[4]);
        int durationSeconds = Integer.parseInt(args[5]);

        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try (Database database = Database.open(args[0], "postgres", "")) {
            ClaimBench bench = new ClaimBench(database.jdbi(), now, limit);
            bench.checkRolledBack();
            bench.repetition(threads, clients, warmupSeconds);
            out.println("READY");
            out.flush();

            BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                out.println(bench.repetition(threads, clients, durationSeconds));
                out.flush();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Claims once and checks that the rollback left the queue as it was: the figure is only
     * comparable with Q when every claim sees the same rows.
     */
    private void checkRolledBack() {
        String counts = """
                SELECT (SELECT count(*) FROM messages) || ' messages, '
                    || (SELECT count(*) FROM enrollments
                        WHERE status = 'active' AND next_due_at <= :now) || ' due enrollments'
                """;
        String before = jdbi.withHandle(h -> h.createQuery(counts).bind("now", now)
                .mapTo(String.class).one());
        int claimed = claimRolledBack().size();
        String after = jdbi.withHandle(h -> h.createQuery(counts).bind("now", now)
                .mapTo(String.class).one());
        if (!before.equals(after)) {
            throw new IllegalStateException("The claim changed the database although its"
                    + " transaction was rolled back: " + before + " before, " + after + " after");
        }
        if (claimed == 0) {
            throw new IllegalStateException("The claim at " + now + " returned no message, "
                    + "so there is nothing to measure (" + before + "). Seed due enrollments.");
        }
    }

    /**
     * Runs {@code claimDue} inside an outer transaction on this thread's handle. Jdbi reuses
     * that handle for the store's own {@code inTransaction}, which then joins the outer
     * transaction instead of committing. {@link #checkRolledBack} verifies this.
     */
    private List<DueMessage> claimRolledBack() {
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                return store.claimDue(NODE_ID, now, limit, 0).messages();
            } finally {
                h.rollback();
            }
        });
    }

    private String repetition(ExecutorService threads, int clients, int seconds)
            throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;

        List<Future<Claims>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(threads.submit(() -> claimUntil(deadline)));
        }
        List<Long> nanos = new ArrayList<>();
        long messages = 0;
        for (Future<Claims> future : futures) {
            Claims claims = future.get();
            Arrays.stream(claims.nanos()).forEach(nanos::add);
            messages += claims.messages();
        }

        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        int count = nanos.size();
        nanos.sort(null);
        double p99 = count == 0 ? 0 : nanos.get(Math.max(0, (int) (count * 0.99) - 1)) / 1e6;
        return String.format(Locale.ROOT,
                "BENCH claims=%d tps=%.1f p99=%.3f messages=%.1f cpu_ms=%.3f", count,
                count / elapsed, p99, count == 0 ? 0.0 : (double) messages / count,
                count == 0 ? 0.0 : cpuMillis / count);
    }

    private Claims claimUntil(long deadline) {
        List<Long> nanos = new ArrayList<>();
        long messages = 0;
        while (System.nanoTime() < deadline) {
            long started = System.nanoTime();
            messages += claimRolledBack().size();
            nanos.add(System.nanoTime() - started);
        }
        return new Claims(nanos.stream().mapToLong(Long::longValue).toArray(), messages);
    }
}
