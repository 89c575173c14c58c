package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.config.SendRates;
import io.tendril.config.Sender;
import io.tendril.tracking.TokenSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The order of the due pass's writes and SMTP hand-offs, on an in-memory store: what a crash
 * at any moment would leave depends on it.
 */
class DuePassChunksTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    /** Keeps what the pass recorded, in order; claims hand out the given messages once. */
    private static final class Store implements DeliveryStore {
        final List<List<DueMessage>> claims = new ArrayList<>();
        final Set<String> recordedMessageIds = new HashSet<>();
        final Set<Long> sent = new HashSet<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Claim claimDue(String nodeId, Instant now, int limit, int domainRate) {
            List<DueMessage> batch = claims.isEmpty() ? List.of() : claims.remove(0);
            calls.add("claim " + batch.size());
            return new Claim(batch, batch.size(), 0);
        }

        @Override
        public void recordProgress(List<Outcome> outcomes, List<Long> next,
                List<MessageComposer.Composed> composed, Instant now) {
            calls.add("record " + outcomes.size() + " outcomes, " + next.size() + " next");
            composed.forEach(c -> recordedMessageIds.add(c.email().messageId()));
            outcomes.stream().filter(Outcome::sent).forEach(o -> sent.add(o.messageId()));
        }

        @Override
        public Orphans settleOrphans(Instant now) {
            return new Orphans(List.of(), List.of());
        }

        @Override
        public Reservation reserveSends(Instant now, int wanted, SendRates rates) {
            throw new UnsupportedOperationException("no send rate in this test");
        }

        @Override
        public void releaseSends(Reservation reservation, int count, SendRates rates) {
            throw new UnsupportedOperationException("no send rate in this test");
        }
    }

    /** Accepts every email, checking that its Message-ID was recorded before the hand-off. */
    private static final class Transport implements MailTransport {
        final Store store;
        final List<String> unrecordedAtHandOff = new ArrayList<>();
        int handedOff;

        Transport(Store store) {
            this.store = store;
        }

        @Override
        public CompletableFuture<Void> send(OutgoingEmail email) {
            handedOff++;
            if (!store.recordedMessageIds.contains(email.messageId())) {
                unrecordedAtHandOff.add(email.messageId());
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    private static List<DueMessage> due(long firstId, int count) {
        List<DueMessage> messages = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            messages.add(new DueMessage(id, id, 1, id, "lead" + id + "@example.com", "Lead " + id,
                    null, "{}", "Welcome", "Hello {{first_name}}",
                    "<p>Hi {{first_name}}, <a href=\"https://example.com/a\">read</a></p>",
                    null));
        }
        return messages;
    }

    private static DuePass pass(Store store, Transport transport) {
        MessageComposer composer = new MessageComposer(new Renderer(),
                new TokenSigner("due-pass-chunks-test-secret-0123456789"),
                new Sender("Tendril", "hello@example.com"), "https://tendril.example");
        return new DuePass(store, transport, composer, Clock.fixed(NOW, ZoneOffset.UTC),
                "node-1", bounce -> { }, SendRates.NONE);
    }

    @Test
    void passRecordsEachEmailBeforeHandOff() {
        Store store = new Store();
        store.claims.add(due(1, DuePass.BATCH_SIZE));
        store.claims.add(due(10_001, 300));
        Transport transport = new Transport(store);

        DuePass.Result result = pass(store, transport).run();

        assertEquals(DuePass.BATCH_SIZE + 300, result.sent());
        assertEquals(DuePass.BATCH_SIZE + 300, transport.handedOff);
        assertEquals(DuePass.BATCH_SIZE + 300, store.sent.size());
        assertEquals(List.of(), transport.unrecordedAtHandOff);
    }

    /** The last chunk of a claim is recorded with the next claim's first. */
    @Test
    void passRecordsOncePerChunk() {
        int chunk = DuePass.CHUNK_SIZE;
        Store store = new Store();
        store.claims.add(due(1, DuePass.BATCH_SIZE));
        store.claims.add(due(10_001, chunk));
        Transport transport = new Transport(store);

        pass(store, transport).run();

        List<String> expected = new ArrayList<>();
        expected.add("claim " + DuePass.BATCH_SIZE);
        expected.add("record 0 outcomes, " + chunk + " next");
        for (int i = 1; i < DuePass.BATCH_SIZE / chunk; i++) {
            expected.add("record " + chunk + " outcomes, " + chunk + " next");
        }
        expected.add("claim " + chunk);
        expected.add("record " + chunk + " outcomes, " + chunk + " next");
        expected.add("record " + chunk + " outcomes, 0 next");
        assertEquals(expected, store.calls);
    }

    @Test
    void passRecordsFailedRenderingUnsent() {
        Store store = new Store();
        List<DueMessage> batch = new ArrayList<>(due(1, 3));
        DueMessage broken = batch.get(1);
        batch.set(1, new DueMessage(broken.messageId(), broken.enrollmentId(), broken.stepId(),
                broken.leadId(), broken.email(), broken.name(), null, "{}", "Welcome",
                "Hello {{#unclosed}}", "<p>Hi</p>", null));
        store.claims.add(batch);
        Transport transport = new Transport(store);

        DuePass.Result result = pass(store, transport).run();

        assertEquals(2, result.sent());
        assertEquals(1, result.failed());
        assertEquals(2, transport.handedOff);
        assertTrue(!store.sent.contains(broken.messageId()));
    }
}
