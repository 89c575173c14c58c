package io.tendril.delivery;

import java.util.Map;

/**
 * A rendered email ready for SMTP, with the headers Tendril adds. {@code toAddress} is the ASCII
 * form of a parsed address ({@code EmailAddress.ascii()}). {@code bounceAddress} is the envelope
 * sender (Return-Path) for VERP, or null to use the From address.
 */
public record OutgoingEmail(
        String fromName,
        String fromAddress,
        String toName,
        String toAddress,
        String subject,
        String html,
        String text,
        String messageId,
        Map<String, String> headers,
        String bounceAddress) {

    /** Returns a copy marked as a test: subject prefix and an {@code X-Tendril-Test} header. */
    public OutgoingEmail asTest(String to) {
        Map<String, String> marked = new java.util.LinkedHashMap<>(headers);
        marked.put("X-Tendril-Test", "true");
        return new OutgoingEmail(fromName, fromAddress, "", to, "[Test] " + subject, html, text,
                messageId, marked, bounceAddress);
    }
}
