package io.tendril.delivery;

import io.tendril.config.SendRates;
import io.tendril.http.Json;
import io.tendril.sequence.StepPlans;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link DeliveryStore} on PostgreSQL: a claim is a few statements and each outcome kind one
 * more, whatever the batch size.
 */
public final class JdbiDeliveryStore implements DeliveryStore {

    private static final String SECOND = "second";
    private static final String HOUR = "hour";

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
    public Claim claimDue(String nodeId, Instant now, int limit, int domainRate) {
        return jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            List<DueMessage> retries = dao.claimRetries(nodeId, now, limit);
            int rows = retries.size();
            List<DueMessage> claimed = new ArrayList<>(retries);
            if (domainRate > 0 && !claimed.isEmpty()) {
                claimed = admitRetries(dao, claimed, now, domainRate);
            }
            int held = retries.size() - claimed.size();
            if (rows < limit) {
                EnrollmentClaim.Result turns = enrollments.claim(dao, nodeId, now, limit - rows,
                        domainRate);
                rows += turns.rows();
                held += turns.held();
                claimed.addAll(turns.messages());
            }
            return new Claim(claimed, rows, held);
        });
    }

    /** Keeps the retries their domains have room for; the others are queued for later. */
    private static List<DueMessage> admitRetries(DeliveryDao dao, List<DueMessage> retries,
            Instant now, int domainRate) {
        Instant[] later = DomainLimit.admit(dao, retries.stream().map(DueMessage::email)
                .toList(), now, domainRate);
        List<DueMessage> admitted = new ArrayList<>(retries.size());
        List<Long> postponed = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        for (int i = 0; i < later.length; i++) {
            if (later[i] == null) {
                admitted.add(retries.get(i));
            } else {
                postponed.add(retries.get(i).messageId());
                ats.add(later[i].toString());
            }
        }
        if (!postponed.isEmpty()) {
            dao.postponeRetries(postponed.toArray(Long[]::new), ats.toArray(String[]::new), now);
        }
        return admitted;
    }

    @Override
    public void recordProgress(List<Outcome> outcomes, List<Long> next,
            List<MessageComposer.Composed> composed, Instant now) {
        List<Outcome> failed = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.FAILED
                || o.kind() == Outcome.Kind.REJECTED).toList();
        List<Outcome> deferred = outcomes.stream()
                .filter(o -> o.kind() == Outcome.Kind.DEFERRED).toList();
        Long[] sent = outcomes.stream().filter(Outcome::sent).map(Outcome::messageId)
                .toArray(Long[]::new);
        if (next.isEmpty() && sent.length == 0 && failed.isEmpty() && deferred.isEmpty()) {
            return;
        }
        if (failed.isEmpty() && deferred.isEmpty()) {
            // One statement is atomic by itself: no BEGIN and COMMIT round trips.
            jdbi.useExtension(DeliveryDao.class, dao -> progress(dao, next, composed, sent, now));
            return;
        }
        jdbi.useTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
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
            if (!next.isEmpty() || sent.length > 0) {
                progress(dao, next, composed, sent, now);
            }
        });
    }

    private static void progress(DeliveryDao dao, List<Long> next,
            List<MessageComposer.Composed> composed, Long[] sent, Instant now) {
        dao.recordProgress(next.toArray(Long[]::new),
                composed.stream().map(c -> c.email().messageId()).toArray(String[]::new),
                composed.stream().map(c -> c.email().subject()).toArray(String[]::new),
                composed.stream().map(c -> Json.write(c.links())).toArray(String[]::new),
                sent, now);
    }

    @Override
    public Reservation reserveSends(Instant now, int wanted, SendRates rates) {
        int pace = rates.pacePerSecond();
        return jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            dao.deleteOldSendSlots(now);
            Instant second = now.truncatedTo(ChronoUnit.SECONDS);
            DeliveryDao.Reserved slots = reserve(dao, SECOND, second, wanted, pace,
                    Reservation.passedSlots(Duration.between(second, now), pace));
            if (slots.granted() == 0) {
                second = second.plusSeconds(1);
                slots = reserve(dao, SECOND, second, wanted, pace, 0);
            }

            int granted = slots.granted();
            boolean hourSpent = false;
            if (rates.perHour() > 0 && granted > 0) {
                int hourly = reserve(dao, HOUR, second.truncatedTo(ChronoUnit.HOURS), granted,
                        rates.perHour(), 0).granted();
                if (hourly < granted) {
                    dao.releaseSends(SECOND, second, granted - hourly);
                    granted = hourly;
                    hourSpent = hourly == 0;
                }
            }
            return new Reservation(second, slots.taken(), granted, hourSpent);
        });
    }

    private static DeliveryDao.Reserved reserve(DeliveryDao dao, String scope, Instant window,
            int wanted, int rate, int floor) {
        dao.openSendSlot(scope, window);
        return dao.reserveSends(scope, window, wanted, rate, floor);
    }

    @Override
    public void releaseSends(Reservation reservation, int count, SendRates rates) {
        if (count <= 0) {
            return;
        }
        jdbi.useTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            dao.releaseSends(SECOND, reservation.second(), count);
            if (rates.perHour() > 0) {
                dao.releaseSends(HOUR, reservation.second().truncatedTo(ChronoUnit.HOURS),
                        count);
            }
        });
    }

    @Override
    public Orphans settleOrphans(Instant now) {
        return jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            List<Long> requeued = dao.requeueOrphans(schedulerName, now);
            return new Orphans(dao.markOrphansUnknown(schedulerName, now), requeued);
        });
    }
}
