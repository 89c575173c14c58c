package io.tendril.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the bounce and complaint webhooks of Amazon SES (through SNS), SendGrid, Postmark and
 * Mailgun into {@link Feedback}. Events that are neither bounce nor complaint are ignored.
 */
public final class ProviderWebhooks {

    /** The providers with a parser, by the name used in the webhook URL. */
    public static final List<String> PROVIDERS = List.of("ses", "sendgrid", "postmark",
            "mailgun");

    private ProviderWebhooks() {
    }

    /** Parses {@code body} of {@code provider}; throws IllegalArgumentException on bad JSON. */
    public static List<Feedback> parse(String provider, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not JSON.");
        }
        if (root == null) {
            throw new IllegalArgumentException("The body is empty; expected JSON.");
        }
        return switch (provider) {
            case "ses" -> ses(root);
            case "sendgrid" -> sendGrid(root);
            case "postmark" -> postmark(root);
            case "mailgun" -> mailgun(root);
            default -> throw new IllegalArgumentException("Unknown provider '" + provider + "'.");
        };
    }

    /** Parses an SNS envelope whose Message is the SES notification as a JSON string. */
    static List<Feedback> ses(JsonNode envelope) {
        JsonNode notification = envelope;
        if (envelope.hasNonNull("Message")) {
            try {
                notification = Json.MAPPER.readTree(envelope.get("Message").asText());
            } catch (IOException e) {
                throw new IllegalArgumentException("SNS Message is not JSON.");
            }
        }
        String type = text(notification, "notificationType", text(notification, "eventType", ""));
        String messageId = sesMessageId(notification.path("mail"));
        List<Feedback> found = new ArrayList<>();
        if (type.equals("Bounce")) {
            JsonNode bounce = notification.path("bounce");
            boolean permanent = text(bounce, "bounceType", "").equals("Permanent");
            for (JsonNode recipient : bounce.path("bouncedRecipients")) {
                found.add(new Feedback(permanent ? Feedback.Type.HARD_BOUNCE
                        : Feedback.Type.SOFT_BOUNCE, text(recipient, "emailAddress", null), null,
                        messageId, "ses", text(recipient, "status", "") + " "
                                + text(recipient, "diagnosticCode", "")));
            }
        } else if (type.equals("Complaint")) {
            for (JsonNode recipient : notification.path("complaint")
                    .path("complainedRecipients")) {
                found.add(new Feedback(Feedback.Type.COMPLAINT,
                        text(recipient, "emailAddress", null), null, messageId, "ses",
                        text(notification.path("complaint"), "complaintFeedbackType", "abuse")));
            }
        }
        return found;
    }

    private static String sesMessageId(JsonNode mail) {
        String common = text(mail.path("commonHeaders"), "messageId", null);
        if (common != null) {
            return common;
        }
        for (JsonNode header : mail.path("headers")) {
            if (text(header, "name", "").equalsIgnoreCase("Message-ID")) {
                return text(header, "value", null);
            }
        }
        return null;
    }

    /** Parses an array of events: {@code bounce} (type bounce or blocked), {@code spamreport}. */
    static List<Feedback> sendGrid(JsonNode events) {
        List<Feedback> found = new ArrayList<>();
        for (JsonNode event : events.isArray() ? events : List.of(events)) {
            String name = text(event, "event", "");
            String email = text(event, "email", null);
            String messageId = text(event, "smtp-id", null);
            String status = text(event, "status", "");
            if (name.equals("bounce")) {
                boolean blocked = text(event, "type", "bounce").equals("blocked")
                        || status.startsWith("4");
                found.add(new Feedback(blocked ? Feedback.Type.SOFT_BOUNCE
                        : Feedback.Type.HARD_BOUNCE, email, null, messageId, "sendgrid",
                        status + " " + text(event, "reason", "")));
            } else if (name.equals("spamreport")) {
                found.add(new Feedback(Feedback.Type.COMPLAINT, email, null, messageId,
                        "sendgrid", "spamreport"));
            }
        }
        return found;
    }

    /** Parses one record: {@code Bounce} (hard or soft by Type) or {@code SpamComplaint}. */
    static List<Feedback> postmark(JsonNode record) {
        String recordType = text(record, "RecordType", "");
        String email = text(record, "Email", null);
        String type = text(record, "Type", "");
        if (recordType.equals("SpamComplaint") || type.equals("SpamComplaint")) {
            return List.of(new Feedback(Feedback.Type.COMPLAINT, email, null, null, "postmark",
                    type));
        }
        if (!recordType.equals("Bounce")) {
            return List.of();
        }
        boolean hard = List.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated",
                "Blocked", "SpamNotification").contains(type);
        boolean soft = List.of("SoftBounce", "Transient", "DnsError", "AutoResponder")
                .contains(type);
        if (!hard && !soft) {
            return List.of();
        }
        return List.of(new Feedback(hard ? Feedback.Type.HARD_BOUNCE : Feedback.Type.SOFT_BOUNCE,
                email, null, null, "postmark", type + " " + text(record, "Description", "")));
    }

    /** Parses {@code event-data}: {@code failed} (permanent or temporary), {@code complained}. */
    static List<Feedback> mailgun(JsonNode root) {
        JsonNode data = root.has("event-data") ? root.get("event-data") : root;
        String event = text(data, "event", "").toLowerCase(Locale.ROOT);
        String recipient = text(data, "recipient", null);
        String messageId = text(data.path("message").path("headers"), "message-id", null);
        if (event.equals("complained")) {
            return List.of(new Feedback(Feedback.Type.COMPLAINT, recipient, null, messageId,
                    "mailgun", "complained"));
        }
        if (!event.equals("failed")) {
            return List.of();
        }
        boolean permanent = text(data, "severity", "permanent").equals("permanent");
        JsonNode status = data.path("delivery-status");
        return List.of(new Feedback(permanent ? Feedback.Type.HARD_BOUNCE
                : Feedback.Type.SOFT_BOUNCE, recipient, null, messageId, "mailgun",
                text(status, "code", "") + " " + text(status, "message", "")));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
