package io.tendril.admin;

import io.tendril.capture.CaptureDao;
import io.tendril.lead.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads what the admin lead page shows beside the lead's fields: its enrollments, consents, and
 * the subject and step of each message on its timeline.
 */
public final class LeadPageService {

    private static final int MAX_CONSENTS = 100;
    private static final DateTimeFormatter TOUCH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Jdbi jdbi;

    public LeadPageService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Returns the page's enrollment rows, newest first. */
    public List<Map<String, Object>> enrollments(long leadId) {
        return jdbi.withExtension(LeadPageDao.class, dao -> dao.listEnrollments(leadId)).stream()
                .map(LeadPageService::enrollmentRow).toList();
    }

    /** Returns the lead's consents, newest first. */
    public List<CaptureDao.LeadConsent> consents(long leadId) {
        return jdbi.withExtension(CaptureDao.class,
                dao -> dao.listConsentsOfLead(leadId, MAX_CONSENTS));
    }

    /** Returns the page's timeline rows, each message event labelled with its subject. */
    public List<Map<String, Object>> timeline(List<Event> events, long leadId) {
        Map<Long, LeadPageDao.MessageRow> messages = jdbi.withExtension(LeadPageDao.class,
                dao -> dao.listMessages(leadId)).stream()
                .collect(Collectors.toMap(LeadPageDao.MessageRow::id, m -> m));
        return events.stream().map(event -> eventRow(event, messages.get(event.messageId())))
                .toList();
    }

    /** Returns {@code values} as "key: value" pairs, or an empty string. */
    public static String describe(Map<String, Object> values) {
        if (values == null) {
            return "";
        }
        return values.entrySet().stream()
                .filter(e -> e.getValue() != null && !String.valueOf(e.getValue()).isEmpty())
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * Returns a touch (the attribution of a lead's first or last submission) as its fields,
     * then the time it happened, in minutes and UTC.
     */
    public static String describeTouch(Map<String, Object> touch) {
        if (touch == null || touch.isEmpty()) {
            return "";
        }
        Map<String, Object> fields = new LinkedHashMap<>(touch);
        Object at = fields.remove("at");
        String described = describe(fields);
        if (at == null) {
            return described;
        }
        String when = String.valueOf(at);
        try {
            when = TOUCH_TIME.format(Instant.parse(when));
        } catch (DateTimeParseException e) {
            // Shown as stored.
        }
        return described.isEmpty() ? when : described + " · " + when;
    }

    private static Map<String, Object> enrollmentRow(LeadPageDao.EnrollmentRow row) {
        Map<String, Object> values = new HashMap<>();
        values.put("sequence", row.sequenceName());
        values.put("version", row.version());
        values.put("status", row.exitReason() == null ? row.status()
                : row.status() + " (" + row.exitReason() + ")");
        boolean waiting = row.status().equals("active") || row.status().equals("paused");
        values.put("next", !waiting ? "" : row.nextPosition() == 0 ? "first step, not scheduled"
                : "step " + row.nextPosition() + (row.nextStep() == null
                        || row.nextStep().isEmpty() ? "" : ": " + row.nextStep()));
        values.put("dueAt", waiting ? row.nextDueAt() : null);
        values.put("createdAt", row.createdAt());
        return values;
    }

    private static Map<String, Object> eventRow(Event event, LeadPageDao.MessageRow message) {
        Map<String, Object> row = new HashMap<>();
        row.put("occurredAt", event.occurredAt());
        row.put("type", event.type());
        row.put("message", message == null ? (event.messageId() == null ? ""
                : "#" + event.messageId()) : label(message));
        boolean engagement = event.type().equals("open") || event.type().equals("click");
        row.put("by", !engagement ? "" : event.human() ? "person" : "machine");
        row.put("details", describe(event.data()));
        return row;
    }

    private static String label(LeadPageDao.MessageRow message) {
        String subject = message.subject() == null || message.subject().isEmpty()
                ? "(no subject)" : message.subject();
        String step = message.stepName() == null || message.stepName().isEmpty() ? ""
                : " · " + message.stepName();
        return "#" + message.id() + " " + subject + step;
    }
}
