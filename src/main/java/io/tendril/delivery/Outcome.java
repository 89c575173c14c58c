package io.tendril.delivery;

/**
 * The result of sending one claimed message. {@code subject} is what was rendered, null when
 * rendering failed, and {@code error} is the SMTP reply or other failure. The Message-ID and
 * links of a rendered message are stored before its SMTP hand-off, so an outcome omits them.
 */
public record Outcome(
        long messageId,
        long leadId,
        Kind kind,
        String subject,
        String error) {

    /** How a send ended. */
    public enum Kind {
        /** The SMTP server accepted the message. */
        SENT,
        /** A temporary rejection (4xx): the message is queued again for a later attempt. */
        DEFERRED,
        /** A permanent rejection (5xx): failed, and a hard bounce for the address. */
        REJECTED,
        /** Any other failure, such as rendering or a suppressed address: failed, not retried. */
        FAILED
    }

    public static Outcome sent(long messageId, long leadId, String subject) {
        return new Outcome(messageId, leadId, Kind.SENT, subject, null);
    }

    public static Outcome failed(long messageId, long leadId, String subject, String error) {
        return of(Kind.FAILED, messageId, leadId, subject, error);
    }

    /** Returns the outcome of a failure of {@code kind} (not {@link Kind#SENT}). */
    public static Outcome of(Kind kind, long messageId, long leadId, String subject,
            String error) {
        return new Outcome(messageId, leadId, kind, subject, error);
    }

    public boolean sent() {
        return kind == Kind.SENT;
    }
}
