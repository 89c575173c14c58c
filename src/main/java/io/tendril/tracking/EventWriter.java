package io.tendril.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes opens and clicks to PostgreSQL with group commit. A request hands its event to the
 * writer and waits until the statement that inserts it has committed. One thread takes every
 * pending event, up to {@link #MAX_BATCH}, inserts them with one statement and then releases
 * each waiting request. Events that arrive during a write form the next batch, so batches grow
 * with the load and no event waits for a timer.
 */
public final class EventWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    /** The maximum number of events in one statement. */
    static final int MAX_BATCH = 1_000;
    /** The maximum number of events waiting for the writer; past it a request fails at once. */
    static final int MAX_PENDING = 20_000;
    /** The maximum time one batch statement runs before the driver cancels it. */
    static final int STATEMENT_TIMEOUT_SECONDS = 10;
    /**
     * The maximum time a request waits for its event to commit. It is longer than the statement
     * timeout and the pool's connection timeout (both 10 s), so that a failed batch normally
     * reaches its requests before they give up.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(15);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration COUNT_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final long IDLE_POLL_MILLIS = 100;
    private static final int MAX_LOGGED_IDS = 20;

    /** An open or a click of one message, as the {@code events} table stores it. */
    public record Event(long messageId, String type, boolean human, String dataJson,
            Instant occurredAt) {
    }

    private record Pending(Event event, CompletableFuture<Boolean> recorded) {
    }

    private final DataSource dataSource;
    private final int statementTimeoutSeconds;
    private final ParsedSql recordEvents;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_PENDING);
    /** Makes "not closed, so queue" one step, so that no event is queued after the last drain. */
    private final Object submitLock = new Object();
    private final Thread thread;
    private volatile boolean closed;

    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private long committedAfterTimeout;
    private long lastCountLog = System.nanoTime();

    private EventWriter(DataSource dataSource, int statementTimeoutSeconds) {
        this.dataSource = dataSource;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
        this.recordEvents = new ColonPrefixSqlParser().parse(ClasspathSqlLocator
                .removingComments().locate(TrackingDao.class, "recordEvents"), null);
        this.thread = new Thread(this::run, "tendril-event-writer");
        // A writer that outlives close() (a statement stuck past CLOSE_WAIT) must not keep the
        // JVM running.
        thread.setDaemon(true);
    }

    /** Starts the writer thread, which takes a connection from {@code dataSource} per batch. */
    public static EventWriter start(DataSource dataSource) {
        return start(dataSource, STATEMENT_TIMEOUT_SECONDS);
    }

    static EventWriter start(DataSource dataSource, int statementTimeoutSeconds) {
        EventWriter writer = new EventWriter(dataSource, statementTimeoutSeconds);
        writer.thread.start();
        return writer;
    }

    /**
     * Records {@code event} and waits until it is committed, at most {@link #MAX_WAIT}. Returns
     * true when it was inserted and false when its message does not exist.
     *
     * @throws EventWriteException when the write failed or timed out or the writer is closed or
     *     full. After a timeout the event may still be committed later.
     */
    public boolean write(Event event) {
        CompletableFuture<Boolean> recorded = submit(event);
        try {
            return recorded.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (recorded.completeExceptionally(new EventWriteException("Recording the "
                    + event.type() + " timed out after " + MAX_WAIT.toSeconds() + " s", null))) {
                timedOut.incrementAndGet();
            }
            // Either the timeout or the writer's result, whichever completed the future first.
            return outcome(recorded);
        } catch (ExecutionException e) {
            throw copy(e.getCause());
        } catch (InterruptedException e) {
            // The event stays queued and is still written.
            Thread.currentThread().interrupt();
            throw new EventWriteException("Interrupted while recording the " + event.type(),
                    null);
        }
    }

    /**
     * Queues {@code event} without waiting. The future completes when the event's batch has
     * committed (true: inserted; false: its message does not exist) or failed.
     */
    CompletableFuture<Boolean> submit(Event event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        synchronized (submitLock) {
            if (!closed && queue.offer(pending)) {
                return pending.recorded();
            }
        }
        rejected.incrementAndGet();
        return CompletableFuture.failedFuture(new EventWriteException(closed
                ? "The event writer is closed" : "Too many events are waiting to be written",
                null));
    }

    /**
     * Stops taking events, writes every event already queued, and waits for the writer thread
     * to finish, at most {@link #CLOSE_WAIT}.
     */
    @Override
    public void close() {
        synchronized (submitLock) {
            closed = true;
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The event writer did not finish within {} s; {} events were still queued",
                    CLOSE_WAIT.toSeconds(), queue.size());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending first;
            try {
                first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Nothing interrupts this thread on purpose; close() is the way to stop it.
                continue;
            }
            if (first == null) {
                logCounts(closed);
                // Every submit that succeeded did so before closed was set, so once closed
                // is seen an empty queue stays empty.
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                writeBatch(batch);
            } catch (Error e) {
                // Keep the thread: without it every later open and click would time out.
                fail(batch, e);
            }
            batch.clear();
            logCounts(false);
        }
    }

    /**
     * Inserts {@code batch} with one statement and completes its futures. When a value of one
     * event is rejected (SQLSTATE class 22 or 23), the halves are written separately, down to
     * single events, so that only the rejected events fail.
     */
    private void writeBatch(List<Pending> batch) {
        Set<Long> inserted;
        try {
            inserted = insert(batch);
        } catch (SQLException | RuntimeException e) {
            String sqlState = sqlState(e);
            boolean rejectedValue = sqlState != null
                    && (sqlState.startsWith("22") || sqlState.startsWith("23"));
            if (rejectedValue && batch.size() > 1) {
                int half = batch.size() / 2;
                writeBatch(batch.subList(0, half));
                writeBatch(batch.subList(half, batch.size()));
                return;
            }
            fail(batch, e, sqlState, rejectedValue);
            return;
        }
        for (Pending pending : batch) {
            if (!pending.recorded().complete(inserted.contains(pending.event().messageId()))) {
                committedAfterTimeout++;
            }
        }
    }

    /**
     * Runs {@code TrackingDao/recordEvents.sql} as one statement in auto-commit mode, which makes
     * it its own transaction: when it returns, every event of the batch is committed. Plain JDBC
     * skips Jdbi's set-up (extension, SQL lookup, argument binding), which runs once per batch
     * and so costs the most per event when batches are small.
     */
    private Set<Long> insert(List<Pending> batch) throws SQLException {
        int size = batch.size();
        Long[] messageIds = new Long[size];
        String[] types = new String[size];
        Boolean[] humans = new Boolean[size];
        String[] data = new String[size];
        String[] occurredAts = new String[size];
        for (int i = 0; i < size; i++) {
            Event event = batch.get(i).event();
            messageIds[i] = event.messageId();
            types[i] = event.type();
            humans[i] = event.human();
            data[i] = event.dataJson();
            occurredAts[i] = event.occurredAt().toString();
        }
        Map<String, Column> columns = Map.of(
                "messageIds", new Column("bigint", messageIds),
                "types", new Column("text", types),
                "humans", new Column("boolean", humans),
                "data", new Column("text", data),
                "occurredAts", new Column("text", occurredAts));

        Set<Long> inserted = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        recordEvents.getSql())) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.setQueryTimeout(statementTimeoutSeconds);
            List<String> parameters = recordEvents.getParameters().getParameterNames();
            for (int i = 0; i < parameters.size(); i++) {
                Column column = columns.get(parameters.get(i));
                statement.setArray(i + 1, connection.createArrayOf(column.type(),
                        column.values()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getLong(1));
                }
            }
        }
        return inserted;
    }

    /** The values of one statement parameter, bound as an SQL array of {@code type}. */
    private record Column(String type, Object[] values) {
    }

    /**
     * Fails every future of {@code batch} and logs the failure once with the message ids. The
     * database error text is logged only for errors that are not about a value, because a
     * rejected value may be quoted in it.
     */
    private void fail(List<Pending> batch, Throwable e, String sqlState,
            boolean rejectedValue) {
        String errorId = UUID.randomUUID().toString();
        String ids = messageIds(batch);
        if (rejectedValue) {
            log.error("PostgreSQL rejected {} {} (SQLSTATE {}), error id {}; message ids {}",
                    batch.size(), batch.size() == 1 ? "event" : "events", sqlState, errorId, ids);
        } else if (sqlException(e) != null) {
            log.error("Writing {} events failed, error id {}; message ids {}: {}", batch.size(),
                    errorId, ids, databaseMessage(e));
        } else {
            log.error("Writing {} events failed, error id {}; message ids {}", batch.size(),
                    errorId, ids, e);
        }
        EventWriteException failure = new EventWriteException("Writing the event failed; error"
                + " id " + errorId, errorId);
        for (Pending pending : batch) {
            pending.recorded().completeExceptionally(failure);
        }
    }

    private void fail(List<Pending> batch, Error e) {
        List<Pending> open = batch.stream().filter(p -> !p.recorded().isDone()).toList();
        fail(open, e, null, false);
    }

    /** Logs the counts of rejected and timed-out events, at most once per interval unless now. */
    private void logCounts(boolean now) {
        long elapsed = System.nanoTime() - lastCountLog;
        if (!now && elapsed < COUNT_LOG_INTERVAL.toNanos()) {
            return;
        }
        lastCountLog = System.nanoTime();
        long rejectedCount = rejected.getAndSet(0);
        long timedOutCount = timedOut.getAndSet(0);
        if (rejectedCount > 0) {
            log.warn("{} opens and clicks were rejected because the event writer was full (over"
                    + " {} queued) or closed", rejectedCount, MAX_PENDING);
        }
        if (timedOutCount > 0 || committedAfterTimeout > 0) {
            log.warn("{} requests timed out after {} s waiting for their open or click to commit;"
                    + " {} events of timed-out requests were committed later", timedOutCount,
                    MAX_WAIT.toSeconds(), committedAfterTimeout);
            committedAfterTimeout = 0;
        }
    }

    private static boolean outcome(CompletableFuture<Boolean> recorded) {
        try {
            return recorded.join();
        } catch (CompletionException e) {
            throw copy(e.getCause());
        }
    }

    /** Returns a new exception for each waiting request, so no two threads throw one instance. */
    private static RuntimeException copy(Throwable cause) {
        if (cause instanceof EventWriteException failure) {
            return new EventWriteException(failure.getMessage(), failure.errorId());
        }
        return new IllegalStateException("Recording an event failed", cause);
    }

    private static String messageIds(List<Pending> batch) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Pending pending : batch) {
            ids.add(pending.event().messageId());
        }
        if (ids.size() <= MAX_LOGGED_IDS) {
            return ids.toString();
        }
        return ids.stream().limit(MAX_LOGGED_IDS).toList() + " and " + (ids.size()
                - MAX_LOGGED_IDS) + " more";
    }

    private static SQLException sqlException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String sqlState(Throwable e) {
        SQLException sql = sqlException(e);
        return sql == null ? null : sql.getSQLState();
    }

    private static String databaseMessage(Throwable e) {
        SQLException sql = sqlException(e);
        if (sql == null) {
            return e.getClass().getSimpleName();
        }
        return sql.getClass().getSimpleName() + " (SQLSTATE " + sql.getSQLState() + "): "
                + sql.getMessage();
    }
}
