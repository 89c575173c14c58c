package io.tendril.delivery;

import java.util.List;

/**
 * What became of one claimed message: sent with the SMTP Message-ID, or failed with an error.
 * {@code subject} and {@code links} are what was rendered, kept for reports and click redirects.
 */
public record Outcome(
        long messageId,
        long leadId,
        boolean sent,
        String smtpMessageId,
        String subject,
        List<String> links,
        String error) {

    public static Outcome sent(long messageId, long leadId, String smtpMessageId, String subject,
            List<String> links) {
        return new Outcome(messageId, leadId, true, smtpMessageId, subject, links, null);
    }

    public static Outcome failed(long messageId, long leadId, String subject, String error) {
        return new Outcome(messageId, leadId, false, null, subject, List.of(), error);
    }
}
