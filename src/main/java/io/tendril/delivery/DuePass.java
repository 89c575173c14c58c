package io.tendril.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.config.Sender;
import io.tendril.http.Json;
import io.tendril.lead.EmailAddress;
import io.tendril.tracking.TokenSigner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The due-work pass: claims due enrollments in batches, renders and sends each message, and
 * records what happened. A message row is written as {@code sending} in the claim transaction,
 * before any SMTP call, so that a crash mid-batch leaves evidence instead of a duplicate.
 */
public final class DuePass {

    private static final Logger log = LoggerFactory.getLogger(DuePass.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Enrollments claimed per transaction. */
    static final int BATCH_SIZE = 200;
    /** A pass stops claiming new batches after this long, so the next trigger can start fresh. */
    static final Duration MAX_PASS_TIME = Duration.ofSeconds(10);
    /** How often the pass looks for messages orphaned by a node that stopped mid-send. */
    static final Duration ORPHAN_CHECK_INTERVAL = Duration.ofSeconds(15);

    private final DeliveryStore store;
    private final MailTransport transport;
    private final Renderer renderer;
    private final TokenSigner signer;
    private final Sender from;
    private final String baseUrl;
    private final Clock clock;
    private final String nodeId;
    private final AtomicLong lastOrphanCheck = new AtomicLong();

    public DuePass(DeliveryStore store, MailTransport transport, Renderer renderer,
            TokenSigner signer, Sender from, String baseUrl, Clock clock, String nodeId) {
        this.store = store;
        this.transport = transport;
        this.renderer = renderer;
        this.signer = signer;
        this.from = from;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Counts of one pass. */
    public record Result(int claimed, int sent, int failed) {
    }

    /** Runs one pass: claims and sends batches until nothing is due or the time is up. */
    public Result run() {
        long started = System.nanoTime();
        checkOrphans();

        int claimed = 0;
        int sent = 0;
        int failed = 0;
        while (true) {
            List<DueMessage> batch = store.claimDue(nodeId, clock.instant(), BATCH_SIZE);
            claimed += batch.size();
            List<Outcome> outcomes = sendBatch(batch);
            store.recordOutcomes(outcomes, clock.instant());
            for (Outcome outcome : outcomes) {
                if (outcome.sent()) {
                    sent++;
                } else {
                    failed++;
                }
            }
            boolean timeUp = Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_PASS_TIME)
                    > 0;
            if (batch.size() < BATCH_SIZE || timeUp) {
                break;
            }
        }

        if (claimed > 0) {
            log.info("Due pass on node {}: claimed {}, sent {}, failed {} in {} ms", nodeId,
                    claimed, sent, failed, (System.nanoTime() - started) / 1_000_000);
        }
        return new Result(claimed, sent, failed);
    }

    private void checkOrphans() {
        long now = clock.millis();
        long last = lastOrphanCheck.get();
        if (now - last < ORPHAN_CHECK_INTERVAL.toMillis()
                || !lastOrphanCheck.compareAndSet(last, now)) {
            return;
        }
        List<Long> orphans = store.markOrphansUnknown(clock.instant());
        if (!orphans.isEmpty()) {
            log.warn("{} messages were left in state sending by a node that stopped; marked"
                    + " unknown and not resent: message ids {}", orphans.size(), orphans);
        }
    }

    private List<Outcome> sendBatch(List<DueMessage> batch) {
        List<CompletableFuture<Outcome>> pending = new ArrayList<>(batch.size());
        for (DueMessage message : batch) {
            pending.add(send(message));
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (CompletableFuture<Outcome> future : pending) {
            outcomes.add(future.join());
        }
        return outcomes;
    }

    private CompletableFuture<Outcome> send(DueMessage message) {
        OutgoingEmail email;
        LinkRewriter.Rewritten rewritten;
        try {
            Map<String, Object> scope = scope(message);
            String subject = renderer.renderSubject(message.subjectTemplate(), scope);
            String text = renderer.renderText(message.textTemplate(), scope);
            String html = renderer.renderHtml(message.htmlTemplate(), scope);
            String unsubscribeUrl = (String) scope.get("unsubscribe_url");
            rewritten = LinkRewriter.rewrite(html,
                    index -> baseUrl + "/t/c/"
                            + signer.sign(TokenSigner.Kind.CLICK, message.messageId(), index),
                    unsubscribeUrl,
                    baseUrl + "/t/o/" + signer.sign(TokenSigner.Kind.OPEN, message.messageId(), 0)
                            + ".gif");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            String to = EmailAddress.parse(message.email()).ascii();
            email = new OutgoingEmail(from.name(), from.address(), message.name(), to, subject,
                    rewritten.html(), text, messageIdHeader(message), headers);
        } catch (RuntimeException e) {
            log.error("Rendering message {} (lead {}, step {}) failed", message.messageId(),
                    message.leadId(), message.stepId(), e);
            return CompletableFuture.completedFuture(Outcome.failed(message.messageId(),
                    message.leadId(), null, "Rendering failed: " + e.getMessage()));
        }

        String smtpId = email.messageId();
        List<String> links = rewritten.links();
        return transport.send(email)
                .handle((ignored, error) -> {
                    if (error == null) {
                        return Outcome.sent(message.messageId(), message.leadId(), smtpId,
                                email.subject(), links);
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause()
                            != null ? error.getCause() : error;
                    log.warn("Sending message {} (lead {}) failed: {}", message.messageId(),
                            message.leadId(), describe(cause));
                    return Outcome.failed(message.messageId(), message.leadId(), email.subject(),
                            describe(cause));
                });
    }

    private Map<String, Object> scope(DueMessage message) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", message.name());
        lead.put("first_name", firstName(message.name()));
        lead.put("email", message.email());
        lead.put("company", message.company());
        lead.put("attributes", attributes(message.attributesJson()));

        Map<String, Object> scope = new HashMap<>(lead);
        scope.put("lead", lead);
        scope.put("sequence", Map.of("name", message.sequenceName()));
        scope.put("sender", Map.of("name", from.name(), "address", from.address()));
        String unsubscribeToken = signer.sign(TokenSigner.Kind.UNSUBSCRIBE, message.messageId(), 0);
        scope.put("unsubscribe_url", baseUrl + "/u/" + unsubscribeToken);
        scope.put("base_url", baseUrl);
        return scope;
    }

    private String messageIdHeader(DueMessage message) {
        return "<" + message.messageId() + "." + UUID.randomUUID() + "@" + from.domain() + ">";
    }

    private static Map<String, Object> attributes(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return name.strip().split("\\s+")[0];
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        Throwable cause = error.getCause();
        while (cause != null) {
            if (cause.getMessage() != null) {
                message = message + ": " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        return message == null ? error.getClass().getSimpleName() : message.strip();
    }
}
