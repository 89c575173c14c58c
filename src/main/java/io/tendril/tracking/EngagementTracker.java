package io.tendril.tracking;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tendril.http.Json;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Records opens and clicks and resolves tracked links. Each event goes through the
 * {@link EventWriter}, and a method returns only once its event is committed.
 */
public final class EngagementTracker {

    private static final int MAX_USER_AGENT = 512;
    /** The maximum number of messages whose links are cached. */
    static final int CACHED_MESSAGES = 10_000;

    private final Jdbi jdbi;
    private final TokenSigner signer;
    private final Clock clock;
    private final EventWriter events;
    private final LinkCache links = new LinkCache(CACHED_MESSAGES);

    public EngagementTracker(Jdbi jdbi, TokenSigner signer, Clock clock, EventWriter events) {
        this.jdbi = jdbi;
        this.signer = signer;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Records an open for a valid pixel token; a bad token or an unknown message records
     * nothing.
     *
     * @throws EventWriteException when the open could not be committed
     */
    public void recordOpen(String token, String userAgent) {
        signer.verify(TokenSigner.Kind.OPEN, token).ifPresent(t -> events.write(
                new EventWriter.Event(t.id(), "open", !MachineDetector.isMachine(userAgent),
                        "{" + field("user_agent", trim(userAgent)) + "}", clock.instant())));
    }

    /**
     * Returns the original URL of a tracked link once its click is committed. It returns empty
     * for a forged or unknown token, so the caller never redirects anywhere not stored for that
     * message.
     *
     * @throws EventWriteException when the click could not be committed
     */
    public Optional<String> click(String token, String userAgent) {
        Optional<TokenSigner.Token> verified = signer.verify(TokenSigner.Kind.CLICK, token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        TokenSigner.Token t = verified.get();
        Optional<String> url = findLink(t.id(), t.index());
        if (url.isEmpty()) {
            return Optional.empty();
        }

        String data = "{" + field("url", url.get()) + ", \"link\": " + t.index() + ", "
                + field("user_agent", trim(userAgent)) + "}";
        boolean recorded = events.write(new EventWriter.Event(t.id(), "click",
                !MachineDetector.isMachine(userAgent), data, clock.instant()));
        if (!recorded) {
            // The message was deleted after its links were cached.
            links.remove(t.id());
            return Optional.empty();
        }
        return url;
    }

    /**
     * Returns the original URL of a tracked link without recording a click, for a HEAD request:
     * link checkers send those to see where a link leads.
     */
    public Optional<String> link(String token) {
        return signer.verify(TokenSigner.Kind.CLICK, token)
                .flatMap(t -> findLink(t.id(), t.index()));
    }

    /** Returns link {@code index} of the message, from the cache when it contains the message. */
    private Optional<String> findLink(long messageId, int index) {
        List<String> messageLinks = links.get(messageId);
        if (messageLinks == null) {
            Optional<TrackingDao.MessageLinks> found = jdbi.withExtension(TrackingDao.class,
                    dao -> dao.findLinks(messageId));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            messageLinks = Collections.unmodifiableList(Arrays.asList(
                    Json.read(found.get().linksJson(), String[].class)));
            // A message that is not sent yet may be rendered again with other links.
            if (found.get().sent()) {
                links.put(messageId, messageLinks);
            }
        }
        return index < messageLinks.size() ? Optional.ofNullable(messageLinks.get(index))
                : Optional.empty();
    }

    /**
     * Returns {@code "name": "value"} with the value escaped as a JSON string. Opens and clicks
     * build their small event data this way, which costs less than the object mapper's set-up
     * for each call.
     */
    private static String field(String name, String value) {
        return "\"" + name + "\": \"" + new String(JsonStringEncoder.getInstance()
                .quoteAsString(value)) + "\"";
    }

    private static String trim(String userAgent) {
        if (userAgent == null) {
            return "";
        }
        return userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT)
                : userAgent;
    }
}
