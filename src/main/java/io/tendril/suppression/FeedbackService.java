package io.tendril.suppression;

import io.tendril.config.MailSettings;
import io.tendril.http.Json;
import io.tendril.lead.EmailAddress;
import io.tendril.sequence.EnrollmentDao;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies bounces and complaints: a hard bounce suppresses the address and marks the lead
 * {@code bounced}; soft bounces are counted and suppress at the configured limit; a complaint
 * suppresses, marks the lead {@code complained} and unsubscribes it. Each becomes an event on
 * the lead's timeline, and each bounce or complaint runs the guardrail of its sequence.
 */
public final class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    private final Jdbi jdbi;
    private final SuppressionList list;
    private final Guardrail guardrail;
    private final MailSettings settings;
    private final Clock clock;

    public FeedbackService(Jdbi jdbi, SuppressionList list, Guardrail guardrail,
            MailSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.list = list;
        this.guardrail = guardrail;
        this.settings = settings;
        this.clock = clock;
    }

    /** The outcome of applying one report; {@code suppressedKey} is null when none was added. */
    public record Applied(Long leadId, Long messageId, String suppressedKey) {

        public boolean suppressed() {
            return suppressedKey != null;
        }
    }

    /** Applies {@code feedback}; safe to repeat, as reports arrive more than once. */
    public Applied apply(Feedback feedback) {
        Instant now = clock.instant();
        String key = emailKey(feedback.recipient());
        Applied applied = jdbi.inTransaction(h -> {
            SuppressionDao dao = h.attach(SuppressionDao.class);
            Optional<SuppressionDao.Target> target = findTarget(dao, feedback, key);
            String targetKey = target.map(SuppressionDao.Target::emailKey).orElse(key);
            if (targetKey == null) {
                return new Applied(null, null, null);
            }
            return switch (feedback.type()) {
                case HARD_BOUNCE -> suppress(h, dao, target, targetKey, feedback, "bounce",
                        "bounced", now);
                case COMPLAINT -> suppress(h, dao, target, targetKey, feedback, "complaint",
                        "complained", now);
                case SOFT_BOUNCE -> softBounce(h, dao, target, targetKey, feedback, now);
            };
        });
        if (applied.suppressed()) {
            list.add(applied.suppressedKey());
        }
        afterCommit(feedback, applied);
        return applied;
    }

    private void afterCommit(Feedback feedback, Applied applied) {
        if (applied.leadId() == null) {
            log.info("A {} report ({}) names no known lead; {}", feedback.type(),
                    feedback.source(), applied.suppressed() ? "address suppressed"
                            : "nothing recorded");
            return;
        }
        log.info("{} from {} for lead {} (message {})", feedback.type(), feedback.source(),
                applied.leadId(), applied.messageId());
        if (feedback.type() != Feedback.Type.SOFT_BOUNCE && applied.messageId() != null) {
            jdbi.withExtension(SuppressionDao.class, dao -> dao.findByMessageId(
                    applied.messageId())).map(SuppressionDao.Target::sequenceId)
                    .ifPresent(guardrail::check);
        }
    }

    private Optional<SuppressionDao.Target> findTarget(SuppressionDao dao, Feedback feedback,
            String key) {
        Optional<SuppressionDao.Target> target = Optional.empty();
        if (feedback.messageId() != null) {
            target = dao.findByMessageId(feedback.messageId());
        }
        if (target.isEmpty() && feedback.smtpMessageId() != null) {
            target = dao.findBySmtpMessageId(normaliseMessageId(feedback.smtpMessageId()));
        }
        if (target.isEmpty() && key != null) {
            target = dao.findByEmailKey(key);
        }
        return target;
    }

    private Applied suppress(Handle h, SuppressionDao dao, Optional<SuppressionDao.Target> target,
            String key, Feedback feedback, String reason, String status, Instant now) {
        Long leadId = target.map(SuppressionDao.Target::leadId).orElse(null);
        Long messageId = target.map(SuppressionDao.Target::messageId).orElse(null);
        boolean added = dao.insert(key, reason, feedback.source(), trim(feedback.detail()),
                leadId, now).isPresent();
        if (leadId == null) {
            return new Applied(null, null, added ? key : null);
        }
        boolean changed = dao.suppressLead(leadId, status, now).isPresent();
        if (changed || added) {
            int ended = h.attach(EnrollmentDao.class).exitAllForLead(leadId, reason, now);
            Map<String, Object> data = eventData(feedback);
            data.put("enrollments_ended", ended);
            String type = reason.equals("bounce") ? "bounce" : "complaint";
            dao.insertEvent(leadId, type, messageId, Json.write(data), now);
        }
        return new Applied(leadId, messageId, key);
    }

    private Applied softBounce(Handle h, SuppressionDao dao,
            Optional<SuppressionDao.Target> target, String key, Feedback feedback, Instant now) {
        if (target.isEmpty()) {
            return new Applied(null, null, null);
        }
        long leadId = target.get().leadId();
        int count = dao.countSoftBounce(leadId, now);
        Map<String, Object> data = eventData(feedback);
        data.put("soft_bounce_count", count);
        dao.insertEvent(leadId, "bounce", target.get().messageId(), Json.write(data), now);
        if (count < settings.softBounceLimit()) {
            return new Applied(leadId, target.get().messageId(), null);
        }
        Feedback hard = new Feedback(Feedback.Type.HARD_BOUNCE, feedback.recipient(),
                feedback.messageId(), feedback.smtpMessageId(), feedback.source(),
                count + " soft bounces reached the limit of " + settings.softBounceLimit());
        return suppress(h, dao, target, key, hard, "bounce", "bounced", now);
    }

    private static Map<String, Object> eventData(Feedback feedback) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", switch (feedback.type()) {
            case HARD_BOUNCE -> "hard";
            case SOFT_BOUNCE -> "soft";
            case COMPLAINT -> "complaint";
        });
        data.put("source", feedback.source());
        data.put("detail", trim(feedback.detail()));
        return data;
    }

    /** Returns the Message-ID in the {@code <id@domain>} form Tendril stores. */
    static String normaliseMessageId(String id) {
        String stripped = id.strip();
        return stripped.startsWith("<") ? stripped : "<" + stripped + ">";
    }

    static String emailKey(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return null;
        }
        try {
            return EmailAddress.parse(recipient.strip()).key();
        } catch (EmailAddress.InvalidEmailException e) {
            return null;
        }
    }

    private static String trim(String detail) {
        if (detail == null) {
            return "";
        }
        return detail.length() > 500 ? detail.substring(0, 500) : detail;
    }
}
