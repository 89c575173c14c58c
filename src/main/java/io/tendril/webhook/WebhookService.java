package io.tendril.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.capture.JsonFields;
import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, changes and removes webhooks, and lists their deliveries. */
public final class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    /** The event types a webhook can name; {@code *} names them all. */
    public static final List<String> EVENT_TYPES = List.of("submit", "consent", "enroll", "sent",
            "failed", "open", "click", "unsubscribe", "bounce", "complaint", "stage", "tag",
            "exit", "skip", "import");
    private static final Set<String> PROPERTIES = Set.of("url", "events", "active",
            "description");
    /** The read-only properties a GET shows, accepted in a PATCH so a GET can be sent back. */
    private static final Set<String> READ_ONLY = Set.of("id", "secret", "created_at",
            "updated_at");
    private static final int MAX_URL = 2000;
    private static final int MAX_DESCRIPTION = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;

    public WebhookService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    private record Fields(String url, List<String> events, boolean active, String description) {
    }

    public Webhook create(JsonNode body) {
        Fields fields = validate(body, null);
        String secret = newSecret();
        Webhook webhook = change(dao -> dao.insert(fields.url(),
                fields.events().toArray(String[]::new), secret, fields.active(),
                fields.description(), clock.instant()));
        log.info("Webhook {} created for events {}", webhook.id(), webhook.events());
        return webhook;
    }

    public List<Webhook> list() {
        return jdbi.withExtension(WebhookDao.class, WebhookDao::list);
    }

    public Webhook get(long id) {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.findById(id))
                .orElseThrow(() -> ApiException.notFound("Webhook " + id));
    }

    /** Changes the properties {@code body} names; the others keep their values. */
    public Webhook update(long id, JsonNode body) {
        Webhook current = get(id);
        Fields fields = validate(body, current);
        Webhook webhook = change(dao -> dao.update(id, fields.url(),
                fields.events().toArray(String[]::new), fields.active(),
                fields.description(), clock.instant()))
                .orElseThrow(() -> ApiException.notFound("Webhook " + id));
        log.info("Webhook {} updated, active {}", id, webhook.active());
        return webhook;
    }

    /**
     * Gives the webhook a new secret, which signs every POST from now on, pending retries
     * included; the old one stops working at once.
     */
    public Webhook rotateSecret(long id) {
        Webhook webhook = jdbi.withExtension(WebhookDao.class,
                dao -> dao.rotateSecret(id, newSecret(), clock.instant()))
                .orElseThrow(() -> ApiException.notFound("Webhook " + id));
        log.info("Webhook {} has a new secret", id);
        return webhook;
    }

    /** Removes the webhook and its deliveries, pending ones included. */
    public void delete(long id) {
        if (change(dao -> dao.delete(id)) == 0) {
            throw ApiException.notFound("Webhook " + id);
        }
        log.info("Webhook {} deleted", id);
    }

    public List<WebhookDao.DeliveryView> deliveries(long id, int limit) {
        get(id);
        return jdbi.withExtension(WebhookDao.class, dao -> dao.listDeliveries(id, limit));
    }

    /**
     * Runs a change to the webhooks and then creates or drops the events trigger to match, in
     * one transaction, so that deliveries start and stop with the change.
     */
    private <T> T change(java.util.function.Function<WebhookDao, T> write) {
        return jdbi.inTransaction(handle -> {
            WebhookDao dao = handle.attach(WebhookDao.class);
            dao.lockWebhooks();
            T result = write.apply(dao);
            dao.syncTrigger();
            return result;
        });
    }

    /** Reads a create body ({@code current} null) or a patch of {@code current}. */
    private static Fields validate(JsonNode body, Webhook current) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("body", "Must be a JSON object such as {\"url\":"
                    + " \"https://crm.example.com/hooks/tendril\", \"events\": [\"submit\"]}.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonFields json = new JsonFields(errors);
        json.unknownProperties(body, "", current == null ? PROPERTIES
                : union(PROPERTIES, READ_ONLY));

        String url = current != null && !body.has("url") ? current.url()
                : json.requiredString(body, "url", "url", MAX_URL);
        if (url != null && body.has("url")) {
            String problem = urlProblem(url);
            if (problem != null) {
                json.error("url", problem);
            }
        }
        List<String> events = current != null && !body.has("events") ? current.events()
                : json.strings(body, "events", "events", EVENT_TYPES.size() + 1, 20);
        if (body.has("events") || current == null) {
            if (events.isEmpty()) {
                json.error("events", "Name at least one event type, or \"*\" for all: "
                        + String.join(", ", EVENT_TYPES) + ".");
            }
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).equals("*") && !EVENT_TYPES.contains(events.get(i))) {
                    json.error("events[" + i + "]", "'" + events.get(i) + "' is not an event"
                            + " type; use one of " + String.join(", ", EVENT_TYPES)
                            + ", or \"*\".");
                }
            }
        }
        if (current != null && body.has("secret")
                && !body.get("secret").asText().equals(current.secret())) {
            json.error("secret", "Read-only; get a new secret with POST /api/v1/webhooks/"
                    + current.id() + "/secret.");
        }
        boolean active = json.bool(body, "active", "active",
                current == null || current.active());
        String description = body.has("description") || current == null
                ? json.string(body, "description", "description", MAX_DESCRIPTION, false)
                : current.description();

        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Fields(url, events, active, description == null ? "" : description);
    }

    /** Returns what is wrong with a webhook URL, or null when it is an absolute http(s) URL. */
    static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "Not a URL: " + e.getReason() + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "Must be an https:// (or http://) URL; got '" + url + "'.";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "The URL has no host name.";
        }
        if (uri.getRawFragment() != null) {
            return "Remove the #fragment: it is never sent to the server.";
        }
        return null;
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
