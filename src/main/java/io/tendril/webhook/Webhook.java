package io.tendril.webhook;

import java.time.Instant;
import java.util.List;

/** An HTTPS (or HTTP) endpoint that gets a POST for each new event of the types it names. */
public record Webhook(long id, String url, List<String> events, String secret, boolean active,
        String description, Instant createdAt, Instant updatedAt) {
}
