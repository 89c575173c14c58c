package io.tendril.delivery;

import java.util.Map;

/** A rendered email ready for SMTP, with the headers Tendril adds. */
public record OutgoingEmail(
        String fromName,
        String fromAddress,
        String toName,
        String toAddress,
        String subject,
        String html,
        String text,
        String messageId,
        Map<String, String> headers) {
}
