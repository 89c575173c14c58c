package io.tendril.suppression;

import io.tendril.http.ApiException;
import io.tendril.lead.EmailAddress;
import io.tendril.sequence.EnrollmentDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The suppression list: addresses never mailed again. Imports add addresses (and mark matching
 * leads), exports page through them, and {@link #list()} is the in-memory copy the sender checks.
 */
public final class SuppressionService {

    /** Reasons an import may give. */
    public static final Set<String> REASONS = Set.of("bounce", "complaint", "unsubscribe",
            "manual");
    /** The maximum number of addresses one import accepts. */
    public static final int MAX_IMPORT = 100_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SuppressionList list;

    public SuppressionService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.list = new SuppressionList(
                () -> jdbi.withExtension(SuppressionDao.class, SuppressionDao::listKeys), clock);
    }

    public SuppressionList list() {
        return list;
    }

    /** The outcome of an import: counts, and each rejected value with the reason. */
    public record Imported(int added, int existing, List<Map<String, Object>> invalid) {
    }

    /**
     * Adds {@code emails} with {@code reason}; leads with those addresses get the matching
     * status and leave their sequences. Invalid addresses are reported, not imported.
     */
    public Imported importAddresses(List<String> emails, String reason, String source) {
        Instant now = clock.instant();
        List<Map<String, Object>> invalid = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            try {
                keys.add(EmailAddress.parse(emails.get(i).strip()).key());
            } catch (EmailAddress.InvalidEmailException e) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("index", i);
                problem.put("value", emails.get(i));
                problem.put("error", e.getMessage());
                invalid.add(problem);
            }
        }
        String status = switch (reason) {
            case "bounce" -> "bounced";
            case "complaint" -> "complained";
            default -> "unsubscribed";
        };
        int[] counts = new int[2];
        jdbi.useTransaction(h -> {
            SuppressionDao dao = h.attach(SuppressionDao.class);
            EnrollmentDao enrollments = h.attach(EnrollmentDao.class);
            for (String key : keys) {
                Long leadId = dao.findByEmailKey(key).map(SuppressionDao.Target::leadId)
                        .orElse(null);
                boolean added = dao.insert(key, reason, source, "", leadId, now).isPresent();
                counts[added ? 0 : 1]++;
                if (added && leadId != null && dao.suppressLead(leadId, status, now).isPresent()) {
                    enrollments.exitAllForLead(leadId, "suppression", now);
                }
            }
        });
        keys.forEach(list::add);
        return new Imported(counts[0], counts[1], invalid);
    }

    /** Returns up to {@code limit} suppressions after {@code afterKey}, ordered by key. */
    public List<SuppressionDao.Suppression> page(String afterKey, int limit) {
        return jdbi.withExtension(SuppressionDao.class,
                dao -> dao.list(afterKey == null ? "" : afterKey, limit));
    }

    /**
     * Removes an address from the list; returns false when it was not on it. The lead's status
     * stays as it is: mailing it again needs fresh consent.
     */
    public boolean remove(String email) {
        String key = EmailAddress.parse(email.strip()).key();
        boolean removed = jdbi.withExtension(SuppressionDao.class, dao -> dao.delete(key)) > 0;
        list.invalidate();
        if (!removed) {
            Optional<Long> lead = jdbi.withExtension(SuppressionDao.class,
                    dao -> dao.findUnsubscribedLead(key));
            if (lead.isPresent()) {
                throw new ApiException(409, "conflict", "The address is listed because lead "
                        + lead.get() + " unsubscribed. Only the lead can undo that: it is mailed"
                        + " again after it signs up again and confirms the emailed link.",
                        Map.of("lead_id", lead.get()));
            }
        }
        return removed;
    }
}
