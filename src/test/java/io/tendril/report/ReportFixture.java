package io.tendril.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.delivery.MutableClock;
import io.tendril.support.Http;
import io.tendril.support.Mailings;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import io.tendril.tracking.TokenSigner;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * A Tendril node on a clock that starts at the real time and moves only when a test advances
 * it, with a three-step sequence fed by a
 * single opt-in form and a double opt-in form, and helpers to capture leads, wait for sends,
 * and open, click and unsubscribe as a lead or a machine would.
 */
final class ReportFixture implements AutoCloseable {

    /**
     * The start of the clock. Capture, confirmation and goal-exit events take their time from
     * PostgreSQL's clock, sends and tracking from this one, so both must start on the same day.
     */
    // NOTE: a run that crosses midnight UTC puts PostgreSQL's events on the next day, which
    // the daily-series checks do not expect.
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    /** The days of every event of a test: yesterday to three days ahead. */
    static final String RANGE = "from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(3);
    static final String SECRET = "report-test-secret-0123456789-abcdefgh";
    static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    /** Mail privacy proxies fetch images with a User-Agent that names the proxy. */
    static final String PROXY = "Mozilla/5.0 (compatible; GoogleImageProxy)";
    static final String SCANNER = "python-requests/2.31";

    final MutableClock clock = new MutableClock(NOW);
    final GreenMail smtp;
    final Tendril tendril;
    final Jdbi jdbi;
    final Http http;
    final TokenSigner signer = new TokenSigner(SECRET);
    final String token;
    final long sequenceId;
    final long webinarFormId;
    final long ebookFormId;

    ReportFixture() {
        smtp = TestNode.startSmtp();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "TENDRIL_DEMO", "false",
                "TENDRIL_SECRET", SECRET,
                "TENDRIL_ADMIN_EMAIL", TestNode.ADMIN_EMAIL,
                "TENDRIL_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD,
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                clock, "report-" + System.nanoTime());
        jdbi = tendril.database().jdbi();
        http = new Http(tendril.baseUrl());
        token = http.createToken(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);

        sequenceId = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO sequences (key, name, status, goal_exits)
                VALUES ('trial', 'Trial nurture', 'active', '{"tags": ["customer"]}')
                RETURNING id""").mapTo(Long.class).one());
        jdbi.useHandle(h -> {
            for (int position = 1; position <= 3; position++) {
                h.createUpdate("""
                        INSERT INTO steps (sequence_id, position, name, wait_unit, wait_amount,
                                           subject_template, html_template)
                        VALUES (:sequence, :position, :name, 'days', :days, :subject,
                                '<p>Hello</p><p><a href="https://example.com/pricing">Pricing</a>'
                                || ' <a href="https://example.com/docs">Docs</a></p>')""")
                        .bind("sequence", sequenceId).bind("position", position)
                        .bind("name", "Email " + position).bind("days", position - 1)
                        .bind("subject", "Trial email " + position).execute();
            }
        });
        webinarFormId = form("webinar", "Spring webinar", false);
        ebookFormId = form("ebook", "Pricing e-book", true);
    }

    private long form(String slug, String name, boolean doubleOptIn) {
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO forms (slug, name, sequence_id, double_opt_in, consent_text)
                VALUES (:slug, :name, :sequence, :doubleOptIn, 'Send me the trial emails.')
                RETURNING id""").bind("slug", slug).bind("name", name)
                .bind("sequence", sequenceId).bind("doubleOptIn", doubleOptIn)
                .mapTo(Long.class).one());
    }

    /** Submits the form over HTTP with a UTM source, medium and campaign. */
    void submit(String slug, String email, String source, String medium, String campaign) {
        HttpResponse<String> response = http.postJson("/f/" + slug, """
                {"email": "%s", "name": "Reader", "consent": true, "utm_source": "%s",
                 "utm_medium": "%s", "utm_campaign": "%s"}""".formatted(email, source, medium,
                campaign));
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201,
                response.body());
    }

    /** Confirms the double opt-in through the link in the confirmation email to the address. */
    void confirm(String email) throws Exception {
        MimeMessage message = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (message == null && System.currentTimeMillis() < deadline) {
            try {
                message = Mailings.to(smtp.getReceivedMessages(), email);
            } catch (AssertionError notYet) {
                Thread.sleep(50);
            }
        }
        assertTrue(message != null, "no confirmation email to " + email);
        Matcher link = Pattern.compile("/confirm/[A-Za-z0-9_-]+")
                .matcher(Mailings.part(message, "text/plain"));
        assertTrue(link.find(), "no confirmation link");
        HttpResponse<String> response = http.postForm(link.group(), "");
        assertTrue(response.statusCode() < 400, response.body());
    }

    /** Waits until {@code count} messages of step {@code position} are sent. */
    List<Long> awaitSent(int position, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<Long> ids = jdbi.withHandle(h -> h.createQuery("""
                    SELECT m.id FROM messages m JOIN steps s ON s.id = m.step_id
                    WHERE s.sequence_id = :sequence AND s.position = :position
                      AND m.status = 'sent'
                    ORDER BY m.id""").bind("sequence", sequenceId).bind("position", position)
                    .mapTo(Long.class).list());
            if (ids.size() >= count) {
                assertEquals(count, ids.size(), "messages of step " + position);
                return ids;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Expected " + count + " sent messages of step "
                        + position + ", got " + ids.size());
            }
            Thread.sleep(100);
        }
    }

    void open(long messageId, String userAgent) {
        HttpResponse<String> response = http.get("/t/o/"
                + signer.sign(TokenSigner.Kind.OPEN, messageId, 0) + ".gif", "User-Agent",
                userAgent);
        assertEquals(200, response.statusCode());
    }

    void click(long messageId, String userAgent) {
        HttpResponse<String> response = http.get("/t/c/"
                + signer.sign(TokenSigner.Kind.CLICK, messageId, 0), "User-Agent", userAgent);
        assertEquals(302, response.statusCode(), response.body());
    }

    void unsubscribe(long messageId) {
        HttpResponse<String> response = http.postForm("/u/"
                + signer.sign(TokenSigner.Kind.UNSUBSCRIBE, messageId, 0),
                "List-Unsubscribe=One-Click");
        assertTrue(response.statusCode() < 400, response.body());
    }

    /** Records a bounce or complaint report of the message, as the feedback mailbox does. */
    void feedback(long messageId, String type) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO events (lead_id, type, message_id, data, occurred_at)
                SELECT lead_id, :type, id, '{"kind": "hard", "source": "test"}', :now
                FROM messages WHERE id = :id""").bind("type", type).bind("id", messageId)
                .bind("now", clock.instant()).execute());
    }

    /** Gives the message's lead the goal tag; the goal-exit trigger ends its enrollment. */
    void convert(long messageId) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE leads SET tags = tags || '{customer}'
                WHERE id = (SELECT lead_id FROM messages WHERE id = :id)""")
                .bind("id", messageId).execute());
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** Counts every event up to now, as a rollup pass with no commit lag does. */
    long rollUp() {
        return new ReportRollup(jdbi, Duration.ZERO).run();
    }

    HttpResponse<String> get(String path) {
        return http.get(path, "Authorization", "Bearer " + token);
    }

    JsonNode report(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    @Override
    public void close() {
        tendril.close();
        smtp.stop();
    }
}
