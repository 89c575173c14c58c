package io.tendril.delivery;

import java.util.List;

/**
 * What became of one claimed message. {@code subject} and {@code links} are what was rendered,
 * kept for reports and click redirects; {@code error} is the SMTP reply or other failure.
 */
public record Outcome(
        long messageId,
        long leadId,
        Kind kind,
        String smtpMessageId,
        String subject,
        List<String> links,
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

    public static Outcome sent(long messageId, long leadId, String smtpMessageId, String subject,
            List<String> links) {
        return new Outcome(messageId, leadId, Kind.SENT, smtpMessageId, subject, links, null);
    }

    public static Outcome failed(long messageId, long leadId, String subject, String error) {
        return of(Kind.FAILED, messageId, leadId, subject, error);
    }

    /** Returns the outcome of a failure of {@code kind} (not {@link Kind#SENT}). */
    public static Outcome of(Kind kind, long messageId, long leadId, String subject,
            String error) {
        return new Outcome(messageId, leadId, kind, null, subject, List.of(), error);
    }

    public boolean sent() {
        return kind == Kind.SENT;
    }
}
