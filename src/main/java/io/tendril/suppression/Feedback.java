package io.tendril.suppression;

/**
 * One bounce or complaint from a report or a provider webhook. It names the lead by any of:
 * {@code messageId} (Tendril's message id, from a VERP address), {@code smtpMessageId} (the
 * Message-ID header of the original email) or {@code recipient} (the address that bounced).
 */
public record Feedback(
        Type type,
        String recipient,
        Long messageId,
        String smtpMessageId,
        String source,
        String detail) {

    /** The kind of feedback. */
    public enum Type {
        /** Permanent failure (5.x.x): the address is suppressed at once. */
        HARD_BOUNCE,
        /** Temporary failure (4.x.x): counted; suppressed at the configured limit. */
        SOFT_BOUNCE,
        /** The recipient reported the email as spam: suppressed and unsubscribed. */
        COMPLAINT
    }

    /**
     * Returns the hard bounce of a permanent SMTP rejection (5xx) of message {@code messageId},
     * for the sender to pass to {@link FeedbackService#apply}.
     */
    public static Feedback smtpRejection(long messageId, String reply) {
        return new Feedback(Type.HARD_BOUNCE, null, messageId, null, "smtp", reply);
    }

    /** Returns a copy naming Tendril's message id, once a VERP address resolved it. */
    public Feedback withMessageId(Long id) {
        return new Feedback(type, recipient, id, smtpMessageId, source, detail);
    }
}
