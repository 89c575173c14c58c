package io.tendril.delivery;

import io.tendril.http.Json;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link DeliveryStore} on PostgreSQL: a claim is one statement, each outcome kind one more. */
public final class JdbiDeliveryStore implements DeliveryStore {

    private final Jdbi jdbi;
    private final String schedulerName;

    public JdbiDeliveryStore(Jdbi jdbi, String schedulerName) {
        this.jdbi = jdbi;
        this.schedulerName = schedulerName;
    }

    @Override
    public List<DueMessage> claimDue(String nodeId, Instant now, int limit) {
        return jdbi.inTransaction(h -> h.attach(DeliveryDao.class).claimDue(nodeId, now, limit));
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
        List<Outcome> failed = outcomes.stream().filter(o -> !o.sent()).toList();
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
        });
    }

    @Override
    public List<Long> markOrphansUnknown(Instant now) {
        return jdbi.withExtension(DeliveryDao.class,
                dao -> dao.markOrphansUnknown(schedulerName, now));
    }
}
