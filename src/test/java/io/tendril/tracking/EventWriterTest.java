package io.tendril.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.TestNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event writer on real PostgreSQL. Tests that need events to queue up hold a lock on the
 * lead row, which the insert's foreign-key check waits for, so the first batch stalls.
 */
class EventWriterTest {

    private static TestNode node;
    private static Jdbi jdbi;
    private static DataSource dataSource;
    private static SentMessages messages;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        jdbi = node.tendril().database().jdbi();
        dataSource = node.tendril().database().dataSource();
        messages = new SentMessages(jdbi);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void closeWritesQueuedEvents() throws Exception {
        long messageId = messages.insert("[]");
        EventWriter writer = EventWriter.start(dataSource);
        List<CompletableFuture<Boolean>> recorded = new ArrayList<>();

        Thread closing;
        try (Handle lock = lockEvents()) {
            recorded.add(writer.submit(open(messageId, "{}")));
            Thread.sleep(300);
            for (int i = 1; i < 500; i++) {
                recorded.add(writer.submit(open(messageId, "{\"n\": " + i + "}")));
            }
            closing = new Thread(writer::close);
            closing.start();
            Thread.sleep(300);

            assertTrue(closing.isAlive(), "close returned while the first batch was blocked");
            assertFalse(recorded.get(0).isDone());
            assertFalse(recorded.get(499).isDone());
            lock.rollback();
        }
        closing.join(20_000);

        assertFalse(closing.isAlive());
        for (CompletableFuture<Boolean> future : recorded) {
            assertTrue(future.getNow(false));
        }
        assertEquals(500, messages.events(messageId, "open"));
        long distinct = jdbi.withHandle(h -> h.createQuery("SELECT count(DISTINCT data)"
                + " FROM events WHERE message_id = :id").bind("id", messageId)
                .mapTo(Long.class).one());
        assertEquals(500, distinct);
    }

    @Test
    void closedWriterRejectsEvents() {
        long messageId = messages.insert("[]");
        EventWriter writer = EventWriter.start(dataSource);
        writer.close();

        EventWriteException e = assertThrows(EventWriteException.class,
                () -> writer.write(open(messageId, "{}")));

        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(0, messages.events(messageId, "open"));
    }

    @Test
    void rejectedValueFailsOnlyItsEvent() throws Exception {
        long messageId = messages.insert("[]");
        List<CompletableFuture<Boolean>> recorded = new ArrayList<>();
        try (EventWriter writer = EventWriter.start(dataSource)) {
            try (Handle lock = lockEvents()) {
                recorded.add(writer.submit(open(messageId, "{}")));
                Thread.sleep(300);
                for (int i = 1; i <= 10; i++) {
                    // Event 6 carries JSON that PostgreSQL's jsonb rejects (SQLSTATE 22P02).
                    String data = i == 6 ? "{\"user_agent\": " : "{\"n\": " + i + "}";
                    recorded.add(writer.submit(open(messageId, data)));
                }
                lock.rollback();
            }

            for (int i = 0; i <= 10; i++) {
                CompletableFuture<Boolean> future = recorded.get(i);
                if (i == 6) {
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> future.get(20, TimeUnit.SECONDS));
                    EventWriteException failure = assertInstanceOf(EventWriteException.class,
                            e.getCause());
                    assertNotNull(failure.errorId());
                } else {
                    assertTrue(future.get(20, TimeUnit.SECONDS), "event " + i);
                }
            }
        }
        assertEquals(10, messages.events(messageId, "open"));
    }

    @Test
    void failedBatchFailsItsEventsOnly() throws Exception {
        long blocked = messages.insert("[]");
        long later = messages.insert("[]");
        try (EventWriter writer = EventWriter.start(dataSource, 1)) {
            CompletableFuture<Boolean> timedOut;
            try (Handle lock = lockEvents()) {
                timedOut = writer.submit(open(blocked, "{}"));
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> timedOut.get(20, TimeUnit.SECONDS));
                EventWriteException failure = assertInstanceOf(EventWriteException.class,
                        e.getCause());
                assertNotNull(failure.errorId());
                assertTrue(failure.getMessage().contains(failure.errorId()),
                        failure.getMessage());
                lock.rollback();
            }

            assertTrue(writer.write(open(later, "{}")));
        }
        assertEquals(0, messages.events(blocked, "open"));
        assertEquals(1, messages.events(later, "open"));
    }

    @Test
    void eventOfMissingMessageIsNotInserted() {
        long messageId = messages.insert("[]");
        try (EventWriter writer = EventWriter.start(dataSource)) {
            assertFalse(writer.write(open(987_654_323L, "{}")));
            assertTrue(writer.write(open(messageId, "{}")));
        }
        assertEquals(0, messages.events(987_654_323L, "open"));
        assertEquals(1, messages.events(messageId, "open"));
    }

    @Test
    void batchKeepsArrivalOrder() throws Exception {
        long messageId = messages.insert("[]");
        List<CompletableFuture<Boolean>> recorded = new ArrayList<>();
        try (EventWriter writer = EventWriter.start(dataSource)) {
            try (Handle lock = lockEvents()) {
                recorded.add(writer.submit(open(messageId, "{\"n\": 0}")));
                Thread.sleep(300);
                for (int i = 1; i < 50; i++) {
                    recorded.add(writer.submit(open(messageId, "{\"n\": " + i + "}")));
                }
                lock.rollback();
            }
            for (CompletableFuture<Boolean> future : recorded) {
                assertTrue(future.get(20, TimeUnit.SECONDS));
            }
        }

        List<Integer> order = jdbi.withHandle(h -> h.createQuery("SELECT CAST(data ->> 'n' AS"
                + " int) FROM events WHERE message_id = :id ORDER BY id")
                .bind("id", messageId).mapTo(Integer.class).list());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        assertEquals(expected, order);
    }

    private static EventWriter.Event open(long messageId, String dataJson) {
        return new EventWriter.Event(messageId, "open", true, dataJson, Instant.now());
    }

    /** Opens a transaction that holds a lock every insert into events waits for. */
    private static Handle lockEvents() {
        Handle handle = jdbi.open();
        handle.begin();
        handle.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE");
        return handle;
    }
}
