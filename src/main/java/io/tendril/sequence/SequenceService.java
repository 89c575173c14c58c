package io.tendril.sequence;

import io.tendril.http.ApiException;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses and resumes sequences. A paused sequence's enrollments leave the due queue, so nothing
 * of it is sent. Resuming puts them back with their due times unchanged, so the next due pass
 * sends the steps that fell due meanwhile.
 */
public final class SequenceService {

    private static final Logger log = LoggerFactory.getLogger(SequenceService.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public SequenceService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Pauses an active sequence; pausing a paused one changes nothing. Returns the status. */
    public String pause(long id) {
        return move(id, "active", "paused");
    }

    /** Resumes a paused sequence; resuming an active one changes nothing. Returns the status. */
    public String resume(long id) {
        return move(id, "paused", "active");
    }

    private String move(long id, String from, String to) {
        String status = jdbi.withExtension(SequenceDao.class,
                dao -> dao.setStatus(id, from, to, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("Sequence " + id));
        if (!status.equals(to) && !status.equals(from)) {
            throw new ApiException(409, "conflict", "Sequence " + id + " is " + status
                    + "; only an active sequence can be paused and only a paused one resumed.",
                    Map.of("status", status));
        }
        if (status.equals(to)) {
            log.info("Sequence {} is {}", id, to);
        }
        return status;
    }
}
