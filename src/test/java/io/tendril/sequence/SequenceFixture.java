package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.delivery.MutableClock;
import io.tendril.support.Http;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A Tendril node for sequence API tests on a clock fixed at Friday 6 March 2026, 14:00 UTC
 * (09:00 in New York, two days before daylight saving time starts there), with helpers to call
 * the API and to make leads.
 */
final class SequenceFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-03-06T14:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final GreenMail smtp;
    final Tendril tendril;
    final Jdbi jdbi;
    final Http http;
    private final String token;

    SequenceFixture() {
        smtp = TestNode.startSmtp();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "TENDRIL_DEMO", "false",
                "TENDRIL_ADMIN_EMAIL", TestNode.ADMIN_EMAIL,
                "TENDRIL_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD,
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                clock, "sequence-api-" + System.nanoTime());
        jdbi = tendril.database().jdbi();
        http = new Http(tendril.baseUrl());
        token = http.createToken(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    }

    HttpResponse<String> api(String method, String path, String json) {
        HttpRequest.Builder request = http.request(path, "Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        return http.send(request.method(method, json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Calls the API and returns the JSON response, failing unless the status is {@code status}. */
    JsonNode call(int status, String method, String path, String json) {
        HttpResponse<String> response = api(method, path, json);
        assertEquals(status, response.statusCode(), response.body());
        return Http.json(response);
    }

    /** Creates a sequence through the API; returns its JSON view. */
    JsonNode create(String json) {
        return call(201, "POST", "/api/v1/sequences", json);
    }

    /** Enrolls the lead through the API; returns the enrollment. */
    JsonNode enroll(long sequenceId, long leadId) {
        return call(201, "POST", "/api/v1/sequences/" + sequenceId + "/enrollments",
                "{\"lead_id\": " + leadId + "}");
    }

    /** Inserts a lead with this status and time zone (null: none); returns its id. */
    long lead(String email, String status, String timeZone) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO leads (email, email_key, status,"
                + " time_zone) VALUES (:email, :email, :status, :zone) RETURNING id")
                .bind("email", email).bind("status", status).bind("zone", timeZone)
                .mapTo(Long.class).one());
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

    /** Returns a sequence body with {@code key}, {@code status} and two email steps days apart. */
    static String twoSteps(String key, String status, String more) {
        return """
                {"key": "%s", "name": "Trial nurture", "status": "%s", %s
                 "steps": [
                   {"name": "Hello", "wait": {"amount": 1, "unit": "days"},
                    "subject": "Hi {{first_name}}", "html": "<p>Hello</p>"},
                   {"name": "Tips", "wait": {"amount": 2, "unit": "days"},
                    "subject": "Tips", "html": "<p>Tips</p>", "text": "Tips"}
                 ]}
                """.formatted(key, status, more);
    }

    @Override
    public void close() {
        tendril.close();
        smtp.stop();
    }
}
