package io.tendril.delivery;

import io.tendril.config.SendRates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The due pass's access to the database. The pass owns this interface. */
public interface DeliveryStore {

    /**
     * Claims up to {@code limit} messages in one transaction: queued messages whose retry is
     * due first, then due enrollments, each run through its step rules (a new {@code sending}
     * message row per email step). Moves each enrollment to its next step and returns the
     * messages.
     * Rows locked by another node are skipped, so any number of nodes can claim at once. When
     * {@code domainRate} is not 0, each recipient domain gets at most that many emails per
     * minute across all nodes; what it has no room for waits for a later minute.
     */
    Claim claimDue(String nodeId, Instant now, int limit, int domainRate);

    /**
     * The result of one claim: the messages to send, and how many retries and enrollments it
     * claimed. A turn that only schedules, skips, changes the lead or ends an enrollment sends
     * nothing, so {@code rows} can reach the limit with few messages. {@code held} counts the
     * emails that the per-domain rate moved to a later minute.
     */
    record Claim(List<DueMessage> messages, int rows, int held) {
    }

    /**
     * Records a chunk's progress in one transaction: the {@code outcomes} of the emails already
     * handed to SMTP, with their timeline events, then the subject, Message-ID and tracked links
     * of the {@code next} rendered messages, before they are handed to SMTP. A deferred message
     * goes back to {@code queued} with backoff, or fails at the attempt limit. The common case,
     * every email accepted, is one statement.
     */
    void recordProgress(List<Outcome> outcomes, List<Long> next,
            List<MessageComposer.Composed> composed, Instant now);

    /**
     * Cleans up after nodes that are no longer running and returns the ids it marked
     * {@code unknown}: a {@code sending} message they had rendered may or may not have reached
     * the SMTP server, so it is reported, never resent; one they had not rendered yet was never
     * handed to SMTP and is queued again.
     */
    Orphans settleOrphans(Instant now);

    /** The result of {@link #settleOrphans}: the messages marked unknown and those requeued. */
    record Orphans(List<Long> unknown, List<Long> requeued) {
    }

    /**
     * Reserves up to {@code wanted} sends of the per-second and per-hour rates, counted across
     * every node: in the current second when it has room, else in the next one. The per-second
     * rate is {@link SendRates#pacePerSecond()}.
     */
    Reservation reserveSends(Instant now, int wanted, SendRates rates);

    /** Gives back {@code count} sends of a reservation that were not used. */
    void releaseSends(Reservation reservation, int count, SendRates rates);

    /**
     * Sends reserved in one second: slots {@code first} to {@code first + granted - 1} of the
     * second's {@link SendRates#pacePerSecond()} slots, which are spread evenly over its first
     * {@link #SPREAD}. Slot {@code n} goes out {@code n * SPREAD / pace} after the second began.
     * {@code hourSpent} is true when the hourly rate had no room left for the sends.
     */
    record Reservation(Instant second, int first, int granted, boolean hourSpent) {

        /**
         * The part of each second that its sends are spread over. The rest is a margin, so
         * that a delay on the way to the SMTP server does not move a second's last sends into
         * the next second's count.
         */
        static final Duration SPREAD = Duration.ofMillis(800);

        /** Returns when slot {@code first + index} of this second goes out, at {@code pace}. */
        Instant slotTime(int index, int pace) {
            return second.plusNanos((first + index) * SPREAD.toNanos() / pace);
        }

        /** Returns how many of a second's {@code pace} slots are due before {@code elapsed}. */
        static int passedSlots(Duration elapsed, int pace) {
            long spread = SPREAD.toNanos();
            long passed = (elapsed.toNanos() * pace + spread - 1) / spread;
            return (int) Math.min(pace, passed);
        }
    }
}
