package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.sequence.EnrollmentDao;
import io.tendril.support.Mailings;
import io.tendril.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMTP replies against a server that throttles one recipient (454), rejects another (550),
 * throttles a third on every attempt and accepts the rest. Time moves on a test clock. A two-step
 * sequence, ten minutes apart.
 */
class SmtpRepliesTest {

    static final String THROTTLED = "ann@example.com";
    static final String UNKNOWN = "bob@example.com";
    static final String ALWAYS_THROTTLED = "dee@example.com";
    static final String ACCEPTED = "cal@example.com";
    static final String UNSUBSCRIBED = "eli@example.com";
    static final Duration WAIT = Duration.ofSeconds(20);

    private static ScriptedSmtpServer smtp;
    private static Tendril tendril;
    private static Jdbi jdbi;
    private static final MutableClock clock = new MutableClock(Instant.now());
    private static long unknownLead;
    private static long throttledLead;
    private static Duration firstBackoff;
    private static Duration secondBackoff;
    private static String throttledEnrollmentWhileQueued;

    @BeforeAll
    static void runScenario() throws Exception {
        smtp = new ScriptedSmtpServer();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.port(),
                "TENDRIL_DEMO", "false",
                "TENDRIL_MAIL_FROM", "Acme <team@acme.example>",
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                clock, "smtp-replies-" + System.nanoTime());
        jdbi = tendril.database().jdbi();
        Mailings.Sequence sequence = Mailings.sequence(jdbi, "Replies", "Hi {{name}}",
                "<p>Step one</p>", "");
        jdbi.useHandle(h -> h.execute("INSERT INTO steps (sequence_id, position, name,"
                + " wait_amount, subject_template, html_template) VALUES (?, 2, 'Two', 10,"
                + " 'Step two', '<p>Step two</p>')", sequence.id()));
        smtp.reply(THROTTLED, "454 4.7.0 Throttling");
        smtp.reply(ALWAYS_THROTTLED, "454 4.7.0 Throttling");
        smtp.reply(UNKNOWN, "550 5.1.1 No such user");
        throttledLead = Mailings.enroll(jdbi, THROTTLED, "Ann", sequence.id());
        unknownLead = Mailings.enroll(jdbi, UNKNOWN, "Bob", sequence.id());
        Mailings.enroll(jdbi, ALWAYS_THROTTLED, "Dee", sequence.id());
        Mailings.enroll(jdbi, ACCEPTED, "Cal", sequence.id());
        smtp.reply(UNSUBSCRIBED, "421 4.3.2 Try again later");
        long unsubscribed = Mailings.enroll(jdbi, UNSUBSCRIBED, "Eli", sequence.id());
        clock.set(Instant.now());

        awaitStatus(THROTTLED, 1, "queued", 1);
        awaitStatus(UNKNOWN, 1, "failed", 1);
        Await.until("step one reaches " + ACCEPTED, WAIT, () -> smtp.deliveriesTo(ACCEPTED) == 1);
        firstBackoff = backoff(THROTTLED);
        awaitStatus(UNSUBSCRIBED, 1, "queued", 1);
        jdbi.useExtension(EnrollmentDao.class,
                dao -> dao.exitAllForLead(unsubscribed, "unsubscribe", clock.instant()));
        throttledEnrollmentWhileQueued = enrollmentState(THROTTLED).substring(0, 8) + ", messages "
                + messageCount(THROTTLED);

        clock.advance(Duration.ofSeconds(61));
        awaitStatus(THROTTLED, 1, "queued", 2);
        secondBackoff = backoff(THROTTLED);

        smtp.reply(THROTTLED, null);
        clock.advance(Duration.ofSeconds(121));
        awaitStatus(THROTTLED, 1, "sent", 3);

        clock.advance(Duration.ofMinutes(11));
        Await.until("step two reaches both accepted leads", WAIT,
                () -> smtp.deliveriesTo(THROTTLED) == 2 && smtp.deliveriesTo(ACCEPTED) == 2);
        // The fourth attempt's backoff counts from the clock when its reply is recorded, so the
        // clock moves on only after that.
        awaitStatus(ALWAYS_THROTTLED, 1, "queued", 4);

        for (int attempt = 5; attempt <= 6; attempt++) {
            clock.advance(Duration.ofMinutes(17));
            awaitStatus(ALWAYS_THROTTLED, 1, attempt == 6 ? "failed" : "queued", attempt);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (tendril != null) {
            tendril.close();
        }
        smtp.close();
    }

    @Test
    void throttledStepIsDeliveredOnce() {
        assertEquals(2, smtp.deliveriesTo(THROTTLED));
    }

    @Test
    void throttledStepHoldsTheNextStep() {
        assertEquals("active 2, messages 1", throttledEnrollmentWhileQueued);
    }

    @Test
    void retriesBackOffExponentially() {
        assertEquals(Duration.ofMinutes(1), firstBackoff);
        assertEquals(Duration.ofMinutes(2), secondBackoff);
    }

    @Test
    void throttledLeadStaysActive() {
        assertEquals("active", leadStatus(throttledLead));
    }

    @Test
    void rejectedLeadIsBounced() {
        assertEquals("bounced", leadStatus(unknownLead));
    }

    @Test
    void rejectedAddressIsSuppressed() {
        assertEquals("bounce", jdbi.withHandle(h -> h.createQuery("SELECT reason FROM"
                + " suppressions WHERE email_key = :key").bind("key", UNKNOWN)
                .mapTo(String.class).one()));
    }

    @Test
    void rejectedLeadGetsNoFurtherSteps() {
        assertEquals(1, smtp.rejectionsOf(UNKNOWN));
        assertEquals(0, smtp.deliveriesTo(UNKNOWN));
        assertEquals("exited 2 null", enrollmentState(UNKNOWN));
    }

    @Test
    void rejectionIsOneBounceEvent() {
        int bounces = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE"
                + " lead_id = :lead AND type = 'bounce'").bind("lead", unknownLead)
                .mapTo(Integer.class).one());
        assertEquals(1, bounces);
    }

    @Test
    void retriesStopAtTheLimit() {
        assertEquals(6, smtp.rejectionsOf(ALWAYS_THROTTLED));
        assertEquals("active 2", enrollmentState(ALWAYS_THROTTLED).substring(0, 8));
    }

    @Test
    void exitedEnrollmentEndsItsRetry() {
        assertEquals("failed 1", messageState(UNSUBSCRIBED, 1));
        assertEquals(1, smtp.rejectionsOf(UNSUBSCRIBED));
    }

    @Test
    void acceptedLeadGetsEveryStepOnce() {
        assertEquals(2, smtp.deliveriesTo(ACCEPTED));
    }

    private static void awaitStatus(String email, int position, String status, int attempts) {
        Await.until("step " + position + " to " + email + " is " + status + " after "
                + attempts + " attempts", WAIT, () -> (status + " " + attempts)
                .equals(messageState(email, position)));
    }

    private static String messageState(String email, int position) {
        return jdbi.withHandle(h -> h.createQuery("SELECT m.status || ' ' || m.attempts"
                + " FROM messages m JOIN leads l ON l.id = m.lead_id JOIN steps s ON"
                + " s.id = m.step_id WHERE l.email = :email AND s.position = :position")
                .bind("email", email).bind("position", position).mapTo(String.class)
                .findOne().orElse("none"));
    }

    private static Duration backoff(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT CAST(EXTRACT(EPOCH FROM"
                + " m.next_attempt_at - m.updated_at) AS bigint) FROM messages m JOIN leads l"
                + " ON l.id = m.lead_id WHERE l.email = :email AND m.status = 'queued'")
                .bind("email", email).mapTo(Long.class).map(Duration::ofSeconds).one());
    }

    private static int messageCount(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM messages m JOIN leads l"
                + " ON l.id = m.lead_id WHERE l.email = :email").bind("email", email)
                .mapTo(Integer.class).one());
    }

    private static String enrollmentState(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT e.status || ' ' || e.next_position"
                + " || ' ' || COALESCE(CAST(e.next_due_at AS text), 'null') FROM enrollments e"
                + " JOIN leads l ON l.id = e.lead_id WHERE l.email = :email")
                .bind("email", email).mapTo(String.class).one());
    }

    private static String leadStatus(long leadId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM leads WHERE id = :id")
                .bind("id", leadId).mapTo(String.class).one());
    }
}
