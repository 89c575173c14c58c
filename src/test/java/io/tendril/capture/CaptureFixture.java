package io.tendril.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import io.tendril.tracking.TokenSigner;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A Tendril node for capture tests with a known signing secret, so that tests can make render
 * tokens old enough to pass the minimum fill time, and helpers to create forms and read rows.
 */
final class CaptureFixture implements AutoCloseable {

    private static final java.util.Random RANDOM = new java.util.Random();
    static final String SECRET = "capture-test-secret-0123456789-abcdefghij";

    final TestNode node;
    final Http http;
    final Jdbi jdbi;
    final TokenSigner signer = new TokenSigner(SECRET);
    private final String token;

    CaptureFixture() {
        node = TestNode.start(Map.of("TENDRIL_SECRET", SECRET));
        http = node.http();
        jdbi = node.tendril().database().jdbi();
        token = node.apiToken();
    }

    String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    HttpResponse<String> api(String method, String path, String json) {
        var request = http.request(path, auth()).header("Content-Type", "application/json");
        var body = json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(json);
        return http.send(request.method(method, body).build());
    }

    /** Creates a form through the API and returns its JSON view. */
    JsonNode createForm(String json) {
        HttpResponse<String> response = api("POST", "/api/v1/forms", json);
        assertEquals(201, response.statusCode(), response.body());
        return Http.json(response);
    }

    /** Returns the id of the demo data's welcome sequence. */
    long welcomeSequence() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM sequences WHERE key = 'welcome'")
                .mapTo(Long.class).one());
    }

    /** Returns a render token for the form issued a minute ago, unique as the server's are. */
    String renderToken(long formId) {
        long nonce = (long) RANDOM.nextInt(Integer.MAX_VALUE) << 32;
        return signer.signTimed(TokenSigner.Kind.RENDER, nonce | formId,
                Instant.now().minusSeconds(60));
    }

    long count(String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    String string(String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(String.class).findOne().orElse(null);
        });
    }

    /** Waits until {@code count} emails to {@code address} arrived; returns them. */
    List<MimeMessage> awaitEmailsTo(String address, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<MimeMessage> found = emailsTo(address);
            if (found.size() >= count || System.nanoTime() > deadline) {
                assertEquals(count, found.size(), "emails to " + address);
                return found;
            }
            Thread.sleep(100);
        }
    }

    List<MimeMessage> emailsTo(String address) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : node.smtp().getReceivedMessages()) {
            for (Address to : message.getAllRecipients()) {
                if (to.toString().toLowerCase().contains(address.toLowerCase())) {
                    found.add(message);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        node.close();
    }
}
