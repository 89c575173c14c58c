package io.tendril.delivery;

import io.tendril.config.SendRates;
import io.tendril.suppression.Feedback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The due-work pass: claims due enrollments in batches, renders and sends each message, and
 * records what happened. A message row is written as {@code sending} in the claim transaction,
 * before any SMTP call, so that a crash mid-batch leaves evidence instead of a duplicate.
 */
public final class DuePass {

    private static final Logger log = LoggerFactory.getLogger(DuePass.class);

    /**
     * Enrollments (and retries) claimed per transaction. With chunks of {@link #CHUNK_SIZE},
     * Tendril's own statements come to about 0.01 per email; Quartz's firings of the pass add
     * about 20 a second whatever the rate.
     */
    static final int BATCH_SIZE = 2000;
    /**
     * Messages rendered and handed to SMTP together. A chunk's Message-IDs are stored just
     * before its hand-off, and the outcomes of the chunk before it in the same statement, so a
     * crash leaves at most one chunk per running pass {@code unknown} (a node runs up to two
     * passes at once); claimed messages of later chunks are queued again.
     * NOTE: an email of that chunk still waiting for a free SMTP connection at the crash also
     * becomes unknown and is not sent, though it never left the node.
     */
    static final int CHUNK_SIZE = 250;
    /** A pass stops claiming new batches after this long, so the next trigger can start fresh. */
    static final Duration MAX_PASS_TIME = Duration.ofSeconds(10);
    /** How often the pass looks for messages orphaned by a node that stopped mid-send. */
    static final Duration ORPHAN_CHECK_INTERVAL = Duration.ofSeconds(15);

    private final DeliveryStore store;
    private final MailTransport transport;
    private final MessageComposer composer;
    private final Clock clock;
    private final String nodeId;
    private final HardBounces bounces;
    private final SendRates rates;
    private final AtomicLong lastOrphanCheck = new AtomicLong();
    private final AtomicLong lastHourReported = new AtomicLong(-1);

    /** Receives the hard bounce of each permanent SMTP rejection, after it is recorded. */
    @FunctionalInterface
    public interface HardBounces {
        void apply(Feedback bounce);
    }

    /**
     * Creates the pass. {@code rates} cap the emails all nodes together start sending per
     * second, per hour and per recipient domain, counted in the database.
     */
    public DuePass(DeliveryStore store, MailTransport transport, MessageComposer composer,
            Clock clock, String nodeId, HardBounces bounces, SendRates rates) {
        this.store = store;
        this.transport = transport;
        this.composer = composer;
        this.clock = clock;
        this.nodeId = nodeId;
        this.bounces = bounces;
        this.rates = rates;
    }

    /** Counts of one pass; {@code deferred} messages are queued for another attempt. */
    public record Result(int claimed, int sent, int deferred, int failed) {
    }

    /** Runs one pass: claims and sends batches until nothing is due or the time is up. */
    public Result run() {
        long started = System.nanoTime();
        checkOrphans();

        int claimed = 0;
        int held = 0;
        Chunks chunks = new Chunks();
        try {
            while (true) {
                int limit = BATCH_SIZE;
                DeliveryStore.Reservation reservation = null;
                if (rates.global()) {
                    reservation = store.reserveSends(clock.instant(),
                            Math.min(BATCH_SIZE, rates.pacePerSecond()), rates);
                    limit = reservation.granted();
                    if (reservation.hourSpent()) {
                        reportHourSpent(reservation.second());
                    }
                    if (limit == 0) {
                        break;
                    }
                    waitUntil(reservation.slotTime(0, rates.pacePerSecond()));
                }

                // The previous batch's last chunk may still be sending while this claim runs.
                DeliveryStore.Claim claim = store.claimDue(nodeId, clock.instant(), limit,
                        rates.perDomainPerMinute());
                List<DueMessage> batch = claim.messages();
                if (reservation != null && batch.size() < limit) {
                    store.releaseSends(reservation, limit - batch.size(), rates);
                }
                claimed += claim.rows();
                held += claim.held();
                sendBatch(batch, reservation, chunks);
                boolean timeUp = Duration.ofNanos(System.nanoTime() - started)
                        .compareTo(MAX_PASS_TIME) > 0;
                // A full claim may have sent little: its turns scheduled, skipped or ended
                // enrollments. Only a claim that found fewer rows than its limit emptied the
                // queue.
                if (claim.rows() < limit || timeUp) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The chunk already handed to SMTP still gets its outcomes recorded, if it can be.
            try {
                chunks.record(List.of(), List.of());
            } catch (RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
        chunks.record(List.of(), List.of());

        if (claimed > 0) {
            log.info("Due pass on node {}: claimed {} turns, sent {}, deferred {}, failed {},"
                    + " held {} by the per-domain rate in {} ms", nodeId, claimed, chunks.sent,
                    chunks.deferred, chunks.failed, held,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return new Result(claimed, chunks.sent, chunks.deferred, chunks.failed);
    }

    /** Logs, once per hour and node, that the spent hourly rate keeps due emails waiting. */
    private void reportHourSpent(Instant second) {
        long hour = second.getEpochSecond() / 3600;
        if (lastHourReported.getAndSet(hour) != hour) {
            log.info("Node {}: the hourly send rate of {} is spent; due emails wait until {}",
                    nodeId, rates.perHour(), Instant.ofEpochSecond((hour + 1) * 3600));
        }
    }

    /** Waits until {@code time}, once and at most a second, so a stopped clock cannot hang it. */
    private void waitUntil(Instant time) {
        long wait = Duration.between(clock.instant(), time).toNanos();
        if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, 1_000_000_000L));
        }
    }

    /**
     * Turns each permanent rejection into a hard bounce: the address is suppressed and the
     * lead's enrollments end. One failing bounce never stops the others.
     */
    private void applyBounces(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome.kind() != Outcome.Kind.REJECTED) {
                continue;
            }
            try {
                bounces.apply(Feedback.smtpRejection(outcome.messageId(), outcome.error()));
            } catch (RuntimeException e) {
                log.error("Recording the hard bounce of message {} (lead {}) failed",
                        outcome.messageId(), outcome.leadId(), e);
            }
        }
    }

    private void checkOrphans() {
        long now = clock.millis();
        long last = lastOrphanCheck.get();
        if (now - last < ORPHAN_CHECK_INTERVAL.toMillis()
                || !lastOrphanCheck.compareAndSet(last, now)) {
            return;
        }
        DeliveryStore.Orphans orphans = store.settleOrphans(clock.instant());
        if (!orphans.unknown().isEmpty()) {
            log.warn("{} messages were left in state sending by a node that stopped; marked"
                    + " unknown and not resent: message ids {}", orphans.unknown().size(),
                    orphans.unknown());
        }
        if (!orphans.requeued().isEmpty()) {
            log.warn("{} messages claimed by a node that stopped before sending them are queued"
                    + " again: message ids {}", orphans.requeued().size(), orphans.requeued());
        }
    }

    /**
     * Sends the batch in chunks: renders a chunk while the one before it is being sent, then
     * records that one's outcomes and the new chunk's links in one statement, then hands the
     * new chunk to SMTP. The links are stored before the SMTP call so that a click arriving the
     * moment the email lands (link scanners are that fast) finds its URL. The batch's last
     * chunk is recorded with the next batch's first, or when the pass ends.
     */
    private void sendBatch(List<DueMessage> batch, DeliveryStore.Reservation reservation,
            Chunks chunks) {
        int slot = 0;
        for (int start = 0; start < batch.size(); start += CHUNK_SIZE) {
            List<DueMessage> chunk = batch.subList(start,
                    Math.min(batch.size(), start + CHUNK_SIZE));
            List<DueMessage> ready = new ArrayList<>(chunk.size());
            List<MessageComposer.Composed> composed = new ArrayList<>(chunk.size());
            for (DueMessage message : chunk) {
                try {
                    composed.add(composer.compose(message));
                    ready.add(message);
                } catch (RuntimeException e) {
                    log.error("Rendering message {} (lead {}, step {}) failed",
                            message.messageId(), message.leadId(), message.stepId(), e);
                    chunks.unrecorded.add(Outcome.failed(message.messageId(), message.leadId(),
                            null, "Rendering failed: " + e.getMessage()));
                }
            }
            chunks.record(ready, composed);

            for (int i = 0; i < ready.size(); i++) {
                if (reservation != null) {
                    waitUntil(reservation.slotTime(slot++, rates.pacePerSecond()));
                }
                chunks.sending.add(send(ready.get(i), composed.get(i).email()));
            }
        }
    }

    /** The chunk being sent and the outcomes not yet recorded, kept from batch to batch. */
    private final class Chunks {
        private final List<Outcome> unrecorded = new ArrayList<>();
        private final List<CompletableFuture<Outcome>> sending = new ArrayList<>();
        private int sent;
        private int deferred;
        private int failed;

        /**
         * Waits for the chunk being sent, then records its outcomes with the rendering of
         * {@code next}, which is handed to SMTP after this returns.
         */
        void record(List<DueMessage> next, List<MessageComposer.Composed> composed) {
            sending.forEach(future -> unrecorded.add(future.join()));
            sending.clear();
            store.recordProgress(unrecorded, next.stream().map(DueMessage::messageId).toList(),
                    composed, clock.instant());
            applyBounces(unrecorded);
            for (Outcome outcome : unrecorded) {
                switch (outcome.kind()) {
                    case SENT -> sent++;
                    case DEFERRED -> deferred++;
                    default -> failed++;
                }
            }
            unrecorded.clear();
        }
    }

    private CompletableFuture<Outcome> send(DueMessage message, OutgoingEmail email) {
        return transport.send(email)
                .handle((ignored, error) -> {
                    if (error == null) {
                        return Outcome.sent(message.messageId(), message.leadId(),
                                email.subject());
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause()
                            != null ? error.getCause() : error;
                    int reply = SmtpReply.code(cause);
                    Outcome.Kind kind = SmtpReply.classify(reply);
                    if (reply > 0) {
                        // The reply text often names the recipient, so only its code is logged.
                        log.warn("Sending message {} (lead {}) failed with SMTP reply {} ({})",
                                message.messageId(), message.leadId(), reply,
                                describeKind(kind));
                    } else {
                        log.warn("Sending message {} (lead {}) failed ({}): {}",
                                message.messageId(), message.leadId(), describeKind(kind),
                                describe(cause));
                    }
                    return Outcome.of(kind, message.messageId(), message.leadId(),
                            email.subject(), describe(cause));
                });
    }

    private static String describeKind(Outcome.Kind kind) {
        return switch (kind) {
            case DEFERRED -> "temporary, retried later";
            case REJECTED -> "permanent, a hard bounce";
            default -> "not retried";
        };
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        Throwable cause = error.getCause();
        while (cause != null) {
            if (cause.getMessage() != null) {
                message = message + ": " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        return message == null ? error.getClass().getSimpleName() : message.strip();
    }
}
