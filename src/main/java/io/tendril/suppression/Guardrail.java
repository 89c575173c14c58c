package io.tendril.suppression;

import io.tendril.config.MailSettings;
import io.tendril.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a sequence whose hard-bounce or complaint rate over its recent sends passes the
 * configured limit, once it has sent at least the minimum sample. It then alerts the admin with
 * a log line, an open alert row (the admin banner) and, when configured, a webhook POST.
 */
public final class Guardrail {

    private static final Logger log = LoggerFactory.getLogger(Guardrail.class);
    /** Sends older than this do not count; complaints can arrive days after the send. */
    static final Duration WINDOW = Duration.ofDays(7);

    private final Jdbi jdbi;
    private final MailSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Guardrail(Jdbi jdbi, MailSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks the sequence's rates; pauses it and alerts when one passes its limit. */
    public void check(long sequenceId) {
        Instant now = clock.instant();
        GuardrailDao.Stats stats = jdbi.withExtension(GuardrailDao.class,
                dao -> dao.sequenceStats(sequenceId, now.minus(WINDOW)));
        if (stats.sends() < settings.guardrailMinSends()) {
            return;
        }
        double bounceRate = (double) stats.bounces() / stats.sends();
        double complaintRate = (double) stats.complaints() / stats.sends();
        String kind = bounceRate > settings.bounceRateLimit() ? "bounce_rate"
                : complaintRate > settings.complaintRateLimit() ? "complaint_rate" : null;
        if (kind == null) {
            return;
        }
        pause(sequenceId, kind, stats, bounceRate, complaintRate, now);
    }

    /** Returns the open alerts, newest first, for the admin banner. */
    public List<GuardrailDao.Alert> openAlerts() {
        return jdbi.withExtension(GuardrailDao.class, GuardrailDao::listOpenAlerts);
    }

    /** Resolves an alert; returns false when it was not open. */
    public boolean resolve(long alertId) {
        return jdbi.withExtension(GuardrailDao.class,
                dao -> dao.resolveAlert(alertId, clock.instant())) > 0;
    }

    private void pause(long sequenceId, String kind, GuardrailDao.Stats stats, double bounceRate,
            double complaintRate, Instant now) {
        String rate = kind.equals("bounce_rate")
                ? percent(bounceRate) + " hard bounces (limit "
                        + percent(settings.bounceRateLimit())
                : percent(complaintRate) + " complaints (limit "
                        + percent(settings.complaintRateLimit());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sends", stats.sends());
        data.put("bounces", stats.bounces());
        data.put("complaints", stats.complaints());
        Optional<String> paused = jdbi.inTransaction(h -> {
            GuardrailDao dao = h.attach(GuardrailDao.class);
            Optional<String> name = dao.pauseSequence(sequenceId, now);
            name.ifPresent(n -> dao.insertAlert(kind, sequenceId, "Sequence '" + n + "' was"
                    + " paused: " + rate + ") over its last " + stats.sends() + " sends. Check"
                    + " the list's source, then resume the sequence.", Json.write(data), now));
            return name;
        });
        if (paused.isEmpty()) {
            return;
        }
        log.warn("Guardrail paused sequence {}: {}) over {} sends in the last {} days",
                sequenceId, rate, stats.sends(), WINDOW.toDays());
        data.put("sequence_id", sequenceId);
        data.put("kind", kind);
        postAlert(data);
    }

    private void postAlert(Map<String, Object> data) {
        if (settings.alertWebhookUrl() == null) {
            return;
        }
        Map<String, Object> body = Map.of("event", "sending_paused", "data", data);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.alertWebhookUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null || r.statusCode() >= 300) {
                log.error("Alert webhook POST failed for sequence {}: {}",
                        data.get("sequence_id"), e != null ? e.toString() : r.statusCode());
            }
        });
    }

    private static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", rate * 100);
    }
}
