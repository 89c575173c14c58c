package io.tendril.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts due webhook deliveries, on one background thread per node. Nodes claim deliveries with
 * SKIP LOCKED and a one-minute lease, so several nodes share the work. Delivery is at least
 * once: a node that dies after the receiver responded but before recording it leaves the
 * delivery to be posted again when the lease ends, so receivers deduplicate by the
 * {@code Tendril-Delivery} header.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** The wait before each retry; after the last one the delivery fails for good. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(10),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(12));
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int BATCH = 50;
    private static final int MAX_ERROR = 500;

    private final Jdbi jdbi;
    private final Clock clock;
    private final HttpClient client;
    private ScheduledExecutorService executor;

    public WebhookSender(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Checks for due deliveries every {@code interval} until closed. */
    public void start(Duration interval) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::drain, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Posts due deliveries until none is left. */
    void drain() {
        try {
            while (runOnce() == BATCH) {
                // A full batch: more may be due.
            }
        } catch (RuntimeException e) {
            log.warn("Webhook pass failed; it runs again shortly", e);
        }
    }

    /** Claims and posts one batch; returns how many deliveries it claimed. */
    int runOnce() {
        Instant now = clock.instant();
        List<WebhookDao.Claimed> batch = jdbi.withExtension(WebhookDao.class,
                dao -> dao.claimDue(now, now.plus(LEASE), BATCH));
        for (WebhookDao.Claimed delivery : batch) {
            post(delivery);
        }
        return batch.size();
    }

    private void post(WebhookDao.Claimed delivery) {
        String body = Json.write(payload(delivery));
        long timestamp = clock.instant().getEpochSecond();
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Tendril-Webhooks/1")
                    .header("Tendril-Delivery", String.valueOf(delivery.id()))
                    .header("Tendril-Event", delivery.eventType())
                    .header("Tendril-Signature", "t=" + timestamp + ",v1="
                            + sign(delivery.secret(), timestamp + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = client.send(request,
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                jdbi.useExtension(WebhookDao.class, dao -> dao.markDelivered(delivery.id(),
                        response.statusCode(), clock.instant()));
                return;
            }
            error = "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        recordFailure(delivery, status, error);
    }

    private void recordFailure(WebhookDao.Claimed delivery, Integer status, String error) {
        int attempt = delivery.attempts();
        Instant next = attempt <= RETRY_DELAYS.size()
                ? clock.instant().plus(RETRY_DELAYS.get(attempt - 1)) : null;
        String trimmed = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbi.useExtension(WebhookDao.class, dao -> dao.markAttemptFailed(delivery.id(), next,
                status, trimmed));
        if (next == null) {
            log.warn("Webhook {} delivery {} failed for good after {} attempts: {}",
                    delivery.webhookId(), delivery.id(), attempt, trimmed);
        } else {
            log.info("Webhook {} delivery {} attempt {} failed ({}); retry at {}",
                    delivery.webhookId(), delivery.id(), attempt, trimmed, next);
        }
    }

    /** Returns the JSON a receiver gets: the delivery, the event and the lead as it is now. */
    static Map<String, Object> payload(WebhookDao.Claimed delivery) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", delivery.eventId());
        event.put("type", delivery.eventType());
        event.put("occurred_at", delivery.occurredAt().toString());
        event.put("human", delivery.human());
        event.put("message_id", delivery.messageId());
        event.put("data", Json.read(delivery.eventData(), JsonNode.class));
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("id", delivery.leadId());
        lead.put("email", delivery.email());
        lead.put("name", delivery.name());
        lead.put("stage", delivery.stage());
        lead.put("status", delivery.leadStatus());
        lead.put("tags", delivery.tags());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("delivery_id", delivery.id());
        payload.put("webhook_id", delivery.webhookId());
        payload.put("event", event);
        payload.put("lead", lead);
        return payload;
    }

    /** Returns the hex HMAC-SHA256 of {@code text} under {@code secret}. */
    static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
