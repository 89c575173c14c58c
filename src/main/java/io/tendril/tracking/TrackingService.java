package io.tendril.tracking;

import io.tendril.http.Json;
import io.tendril.sequence.EnrollmentDao;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsubscribes leads and serves their preferences. Opens and clicks are recorded by
 * {@link EngagementTracker}.
 */
public final class TrackingService {

    private static final Logger log = LoggerFactory.getLogger(TrackingService.class);

    private final Jdbi jdbi;
    private final TokenSigner signer;
    private final Clock clock;

    public TrackingService(Jdbi jdbi, TokenSigner signer, Clock clock) {
        this.jdbi = jdbi;
        this.signer = signer;
        this.clock = clock;
    }

    /** Returns true when the token is a valid unsubscribe token of an existing message. */
    /**
     * Returns true when {@code token} is a valid unsubscribe or preferences token of a test
     * send, which carries message id 0 because a test copy has no message row.
     */
    public boolean isTestLink(TokenSigner.Kind kind, String token) {
        return signer.verify(kind, token).filter(t -> t.id() == 0).isPresent();
    }

    public boolean isValidUnsubscribe(String token) {
        return signer.verify(TokenSigner.Kind.UNSUBSCRIBE, token)
                .flatMap(t -> jdbi.withExtension(TrackingDao.class,
                        dao -> dao.findLeadOfMessage(t.id())))
                .isPresent();
    }

    /**
     * Unsubscribes the lead of the message in {@code token} and ends its enrollments. Repeating
     * it changes nothing. Returns false for an invalid token.
     */
    public boolean unsubscribe(String token) {
        return changeForMessage(TokenSigner.Kind.UNSUBSCRIBE, token, (h, dao, messageId) ->
                dao.unsubscribe(messageId, clock.instant()).ifPresent(leadId -> {
                    int ended = h.attach(EnrollmentDao.class)
                            .exitAllForLead(leadId, "unsubscribe", clock.instant());
                    dao.recordEvent(messageId, "unsubscribe", true, "{}", clock.instant());
                    log.info("Lead {} unsubscribed through message {}; {} enrollments ended",
                            leadId, messageId, ended);
                }));
    }

    /**
     * Runs {@code change} in one transaction for the message that a valid token of {@code kind}
     * names. Returns false, changing nothing, for an invalid token or an unknown message.
     */
    private boolean changeForMessage(TokenSigner.Kind kind, String token, MessageChange change) {
        Optional<TokenSigner.Token> verified = signer.verify(kind, token);
        if (verified.isEmpty()) {
            return false;
        }
        long messageId = verified.get().id();
        return jdbi.inTransaction(h -> {
            TrackingDao dao = h.attach(TrackingDao.class);
            if (dao.findLeadOfMessage(messageId).isEmpty()) {
                return false;
            }
            change.apply(h, dao, messageId);
            return true;
        });
    }

    /** A change to the lead of one message, made inside the caller's transaction. */
    private interface MessageChange {
        void apply(Handle handle, TrackingDao dao, long messageId);
    }

    /** Returns the sequences of the lead of a preferences token; empty for a bad token. */
    public Optional<List<TrackingDao.Enrolled>> preferences(String token) {
        Optional<TokenSigner.Token> verified = signer.verify(TokenSigner.Kind.PREFERENCES, token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        long messageId = verified.get().id();
        return jdbi.withExtension(TrackingDao.class, dao -> dao.findLeadOfMessage(messageId)
                .map(lead -> dao.listEnrollments(messageId)));
    }

    /**
     * Ends the lead's enrollment in one sequence, through a preferences token; the lead stays
     * subscribed to its other sequences. Returns false for an invalid token.
     */
    public boolean leaveSequence(String token, long sequenceId) {
        return changeForMessage(TokenSigner.Kind.PREFERENCES, token, (h, dao, messageId) ->
                dao.leaveSequence(messageId, sequenceId, clock.instant()).ifPresent(leadId -> {
                    dao.recordEvent(messageId, "exit", true, Json.write(Map.of("reason",
                            "preferences", "sequence_id", sequenceId)), clock.instant());
                    log.info("Lead {} left sequence {} through its preferences", leadId,
                            sequenceId);
                }));
    }

    /** Returns the preferences token of the message an unsubscribe token names. */
    public Optional<String> preferencesToken(String unsubscribeToken) {
        return signer.verify(TokenSigner.Kind.UNSUBSCRIBE, unsubscribeToken)
                .map(t -> signer.sign(TokenSigner.Kind.PREFERENCES, t.id(), 0));
    }

    /** Unsubscribes from all mail through a preferences token, as the unsubscribe link does. */
    public boolean unsubscribeByPreferences(String token) {
        return signer.verify(TokenSigner.Kind.PREFERENCES, token)
                .map(t -> unsubscribe(signer.sign(TokenSigner.Kind.UNSUBSCRIBE, t.id(), 0)))
                .orElse(false);
    }
}
