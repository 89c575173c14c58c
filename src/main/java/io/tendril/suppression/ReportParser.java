package io.tendril.suppression;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads bounce and complaint reports from received email: delivery status notifications
 * (DSN, RFC 3464: {@code multipart/report; report-type=delivery-status}) and abuse feedback
 * reports (ARF, RFC 5965: {@code multipart/report; report-type=feedback-report}).
 */
public final class ReportParser {

    private ReportParser() {
    }

    /** Returns the bounces or complaint in {@code message}; empty when it is no report. */
    public static List<Feedback> parse(MimeMessage message) throws MessagingException,
            IOException {
        if (!message.isMimeType("multipart/report")) {
            return List.of();
        }
        String reportType = new ContentType(message.getContentType()).getParameter("report-type");
        Multipart parts = (Multipart) message.getContent();
        String original = originalMessageId(parts).orElse(null);
        if ("delivery-status".equalsIgnoreCase(reportType)) {
            Optional<BodyPart> status = part(parts, "message/delivery-status");
            return status.isEmpty() ? List.of() : dsn(read(status.get()), original);
        }
        if ("feedback-report".equalsIgnoreCase(reportType)) {
            Optional<BodyPart> report = part(parts, "message/feedback-report");
            return report.isEmpty() ? List.of() : arf(read(report.get()), original, parts);
        }
        return List.of();
    }

    /** Parses the per-recipient fields of a DSN; delayed and delivered recipients are skipped. */
    static List<Feedback> dsn(String status, String originalMessageId) throws MessagingException {
        List<Feedback> found = new ArrayList<>();
        String[] blocks = status.replace("\r\n", "\n").split("\n\\s*\n");
        for (int i = 1; i < blocks.length; i++) {
            InternetHeaders fields = headers(blocks[i]);
            String action = lower(fields.getHeader("Action", null));
            String code = fields.getHeader("Status", null);
            String recipient = address(fields.getHeader("Final-Recipient", null));
            if (recipient == null) {
                recipient = address(fields.getHeader("Original-Recipient", null));
            }
            if (!action.equals("failed") || recipient == null) {
                continue;
            }
            String diagnostic = fields.getHeader("Diagnostic-Code", null);
            boolean temporary = code != null && code.strip().startsWith("4");
            found.add(new Feedback(temporary ? Feedback.Type.SOFT_BOUNCE
                    : Feedback.Type.HARD_BOUNCE, recipient, null, originalMessageId, "dsn",
                    (code == null ? "" : code.strip())
                            + (diagnostic == null ? "" : " " + diagnostic.strip())));
        }
        return found;
    }

    private static List<Feedback> arf(String report, String originalMessageId, Multipart parts)
            throws MessagingException, IOException {
        InternetHeaders fields = headers(report.replace("\r\n", "\n").strip());
        String feedbackType = lower(fields.getHeader("Feedback-Type", null));
        if (!feedbackType.isEmpty() && !feedbackType.equals("abuse")
                && !feedbackType.equals("fraud") && !feedbackType.equals("other")) {
            return List.of();
        }
        String recipient = address(fields.getHeader("Original-Rcpt-To", null));
        if (recipient == null) {
            recipient = originalHeader(parts, "To").map(ReportParser::address).orElse(null);
        }
        return List.of(new Feedback(Feedback.Type.COMPLAINT, recipient, null, originalMessageId,
                "arf", "Feedback-Type: " + (feedbackType.isEmpty() ? "abuse" : feedbackType)));
    }

    private static Optional<String> originalMessageId(Multipart parts) throws MessagingException,
            IOException {
        return originalHeader(parts, "Message-ID");
    }

    /** Reads a header of the returned original, a message/rfc822 or text/rfc822-headers part. */
    private static Optional<String> originalHeader(Multipart parts, String name)
            throws MessagingException, IOException {
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                    || part.isMimeType("message/rfc822-headers")) {
                try (InputStream in = part.getInputStream()) {
                    String value = new InternetHeaders(in).getHeader(name, null);
                    if (value != null) {
                        return Optional.of(value.strip());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<BodyPart> part(Multipart parts, String type)
            throws MessagingException {
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return Optional.of(parts.getBodyPart(i));
            }
        }
        return Optional.empty();
    }

    private static String read(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InternetHeaders headers(String block) throws MessagingException {
        return new InternetHeaders(new ByteArrayInputStream(
                (block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the address of {@code rfc822; ann@example.com}, {@code <ann@...>} or a bare one. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        String value = field.strip();
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            value = value.substring(semicolon + 1).strip();
        }
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        return value.contains("@") ? value.strip() : null;
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
