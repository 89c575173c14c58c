package io.tendril.delivery;

import io.tendril.http.Json;
import io.tendril.sequence.StepPlans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link DeliveryStore} on PostgreSQL: a claim is a few statements and each outcome kind one
 * more, whatever the batch size.
 */
public final class JdbiDeliveryStore implements DeliveryStore {

    private final Jdbi jdbi;
    private final String schedulerName;
    private final Retries retries;
    private final EnrollmentClaim enrollments;

    public JdbiDeliveryStore(Jdbi jdbi, String schedulerName) {
        this(jdbi, schedulerName, Retries.DEFAULT);
    }

    public JdbiDeliveryStore(Jdbi jdbi, String schedulerName, Retries retries) {
        this.jdbi = jdbi;
        this.schedulerName = schedulerName;
        this.retries = retries;
        this.enrollments = new EnrollmentClaim(new StepPlans(jdbi));
    }

    @Override
    public List<DueMessage> claimDue(String nodeId, Instant now, int limit) {
        return jdbi.inTransaction(h -> {
            List<DueMessage> claimed = new ArrayList<>(
                    h.attach(DeliveryDao.class).claimRetries(nodeId, now, limit));
            if (claimed.size() < limit) {
                claimed.addAll(enrollments.claim(h, nodeId, now, limit - claimed.size()));
            }
            return claimed;
        });
    }

    @Override
    public void recordRendered(List<Long> messageIds, List<MessageComposer.Composed> composed) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbi.useExtension(DeliveryDao.class, dao -> dao.recordRendered(
                messageIds.toArray(Long[]::new),
                composed.stream().map(c -> c.email().messageId()).toArray(String[]::new),
                composed.stream().map(c -> c.email().subject()).toArray(String[]::new),
                composed.stream().map(c -> Json.write(c.links())).toArray(String[]::new)));
    }

    @Override
    public void recordOutcomes(List<Outcome> outcomes, Instant now) {
        List<Outcome> sent = outcomes.stream().filter(Outcome::sent).toList();
        List<Outcome> deferred = outcomes.stream()
                .filter(o -> o.kind() == Outcome.Kind.DEFERRED).toList();
        List<Outcome> failed = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.FAILED
                || o.kind() == Outcome.Kind.REJECTED).toList();
        jdbi.useTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            if (!sent.isEmpty()) {
                dao.recordSent(
                        sent.stream().map(Outcome::messageId).toArray(Long[]::new),
                        sent.stream().map(Outcome::smtpMessageId).toArray(String[]::new),
                        sent.stream().map(Outcome::subject).toArray(String[]::new),
                        sent.stream().map(o -> Json.write(o.links())).toArray(String[]::new),
                        now);
            }
            if (!failed.isEmpty()) {
                dao.recordFailed(
                        failed.stream().map(Outcome::messageId).toArray(Long[]::new),
                        failed.stream().map(Outcome::subject).toArray(String[]::new),
                        failed.stream().map(Outcome::error).toArray(String[]::new),
                        now);
            }
            if (!deferred.isEmpty()) {
                dao.recordDeferred(
                        deferred.stream().map(Outcome::messageId).toArray(Long[]::new),
                        deferred.stream().map(Outcome::subject).toArray(String[]::new),
                        deferred.stream().map(Outcome::error).toArray(String[]::new),
                        retries.maxAttempts(), retries.backoff().toSeconds(), now);
            }
        });
    }

    @Override
    public int reserveSends(Instant second, int wanted, int rate) {
        return jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            dao.deleteOldSendSlots(second);
            dao.openSendSlot(second);
            return dao.reserveSends(second, wanted, rate);
        });
    }

    @Override
    public void releaseSends(Instant second, int count) {
        jdbi.useExtension(DeliveryDao.class, dao -> dao.releaseSends(second, count));
    }

    @Override
    public List<Long> markOrphansUnknown(Instant now) {
        return jdbi.withExtension(DeliveryDao.class,
                dao -> dao.markOrphansUnknown(schedulerName, now));
    }
}
