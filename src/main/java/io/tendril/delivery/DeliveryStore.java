package io.tendril.delivery;

import java.time.Instant;
import java.util.List;

/** The due pass's access to the database. The pass owns this interface. */
public interface DeliveryStore {

    /**
     * Claims up to {@code limit} messages in one transaction: queued messages whose retry is
     * due first, then due enrollments, each run through its step rules (a new {@code sending}
     * message row per email step). Moves each enrollment to its next step and returns the
     * messages.
     * Rows locked by another node are skipped, so any number of nodes can claim at once.
     */
    List<DueMessage> claimDue(String nodeId, Instant now, int limit);

    /**
     * Stores the subject, Message-ID and tracked links of rendered messages, in one statement,
     * before they are sent.
     */
    void recordRendered(List<Long> messageIds, List<MessageComposer.Composed> composed);

    /**
     * Records the outcomes of one batch and their timeline events, in one transaction. A
     * deferred message goes back to {@code queued} with backoff, or fails at the attempt limit.
     */
    void recordOutcomes(List<Outcome> outcomes, Instant now);

    /**
     * Marks as {@code unknown} the messages left in {@code sending} by nodes that are no longer
     * running; returns their ids. Such a message may or may not have reached the SMTP server,
     * so it is reported, never resent.
     */
    List<Long> markOrphansUnknown(Instant now);

    /**
     * Reserves up to {@code wanted} of the {@code rate} sends allowed in the second starting at
     * {@code second}, counted across every node; returns how many were reserved.
     */
    int reserveSends(Instant second, int wanted, int rate);

    /** Gives back {@code count} sends reserved for {@code second} that were not used. */
    void releaseSends(Instant second, int count);
}
