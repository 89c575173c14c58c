package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.icegreen.greenmail.util.GreenMail;
import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.delivery.Await;
import io.tendril.delivery.DueMessage;
import io.tendril.delivery.JdbiDeliveryStore;
import io.tendril.delivery.MutableClock;
import io.tendril.support.Http;
import io.tendril.support.Mailings;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import io.tendril.suppression.GuardrailDao;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pausing a two-step sequence (ten minutes apart, on a test clock) after step one: step two
 * falls due while paused and is sent only after resuming. The bounce guardrail pauses the same
 * way.
 */
class SequencePauseTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    private static final MutableClock clock = new MutableClock(Instant.now());
    private static GreenMail smtp;
    private static Tendril tendril;
    private static Jdbi jdbi;
    private static Http http;
    private static String auth;
    private static long sequenceId;
    private static String pauseAnswer;
    private static List<String> enrollmentsWhilePaused;
    private static List<DueMessage> claimedWhilePaused;
    private static int emailsWhilePaused;
    private static String resumeAnswer;
    private static List<String> enrollmentsAfterGuardrail;

    @BeforeAll
    static void runScenario() {
        smtp = TestNode.startSmtp();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "TENDRIL_DEMO", "false",
                "TENDRIL_ADMIN_EMAIL", TestNode.ADMIN_EMAIL,
                "TENDRIL_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD,
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                clock, "sequence-pause-" + System.nanoTime());
        jdbi = tendril.database().jdbi();
        http = new Http(tendril.baseUrl());
        auth = "Bearer " + http.createToken(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);

        sequenceId = Mailings.sequence(jdbi, "Paused", "Step one", "<p>One</p>", "").id();
        jdbi.useHandle(h -> h.execute("INSERT INTO steps (sequence_id, position, name,"
                + " wait_amount, subject_template, html_template) VALUES (?, 2, 'Two', 10,"
                + " 'Step two', '<p>Two</p>')", sequenceId));
        Mailings.enroll(jdbi, "pia@example.com", "Pia", sequenceId);
        Mailings.enroll(jdbi, "quin@example.com", "Quin", sequenceId);
        clock.set(Instant.now());
        awaitEmails(2);

        pauseAnswer = post("/api/v1/sequences/" + sequenceId + "/pause").body();
        long joiner = jdbi.withHandle(h -> h.createQuery("INSERT INTO leads (email, email_key,"
                + " name) VALUES ('sam@example.com', 'sam@example.com', 'Sam') RETURNING id")
                .mapTo(Long.class).one());
        jdbi.useExtension(EnrollmentDao.class,
                dao -> dao.enroll(joiner, sequenceId, null, clock.instant()));
        enrollmentsWhilePaused = enrollmentStatuses();
        clock.advance(Duration.ofMinutes(11));
        claimedWhilePaused = new JdbiDeliveryStore(jdbi, "probe")
                .claimDue("probe", clock.instant(), 100, 0).messages();
        emailsWhilePaused = smtp.getReceivedMessages().length;

        resumeAnswer = post("/api/v1/sequences/" + sequenceId + "/resume").body();
        awaitEmails(5);

        long late = Mailings.enroll(jdbi, "rio@example.com", "Rio", sequenceId);
        jdbi.useHandle(h -> h.execute("UPDATE enrollments SET next_due_at = now() + interval"
                + " '1 day' WHERE lead_id = ?", late));
        jdbi.useExtension(GuardrailDao.class, dao -> dao.pauseSequence(sequenceId,
                clock.instant()));
        enrollmentsAfterGuardrail = enrollmentStatuses();
    }

    @AfterAll
    static void stop() {
        if (tendril != null) {
            tendril.close();
        }
        smtp.stop();
    }

    @Test
    void pauseAnswersPausedStatus() {
        assertEquals("{\"id\":" + sequenceId + ",\"status\":\"paused\"}", pauseAnswer);
    }

    @Test
    void pausingHoldsEveryEnrollment() {
        assertEquals(List.of("paused", "paused", "paused"), enrollmentsWhilePaused);
    }

    @Test
    void enrollingWhilePausedWaitsForResume() throws Exception {
        assertEquals(2, emailsWhilePaused);
        assertNotNull(Mailings.to(smtp.getReceivedMessages(), "sam@example.com"));
    }

    @Test
    void pausedSequenceIsNotClaimed() {
        assertEquals(List.of(), claimedWhilePaused);
        assertEquals(2, emailsWhilePaused);
    }

    @Test
    void resumingSendsWhatFellDue() {
        assertEquals("{\"id\":" + sequenceId + ",\"status\":\"active\"}", resumeAnswer);
        assertEquals(5, smtp.getReceivedMessages().length);
    }

    @Test
    void guardrailPauseHoldsEnrollments() {
        assertEquals(List.of("completed", "completed", "paused", "paused"),
                enrollmentsAfterGuardrail);
    }

    @Test
    void pausingUnknownSequenceIsNotFound() {
        assertEquals(404, post("/api/v1/sequences/999999/pause").statusCode());
    }

    @Test
    void resumingDraftSequenceConflicts() {
        long draft = jdbi.withHandle(h -> h.createQuery("INSERT INTO sequences (key, name,"
                + " status) VALUES ('draft-seq', 'Draft', 'draft') RETURNING id")
                .mapTo(Long.class).one());

        assertEquals(409, post("/api/v1/sequences/" + draft + "/resume").statusCode());
    }

    @Test
    void pauseNeedsToken() {
        HttpResponse<String> response = http.postJson("/api/v1/sequences/" + sequenceId
                + "/pause", "{}");

        assertEquals(401, response.statusCode());
    }

    private static HttpResponse<String> post(String path) {
        return http.postJson(path, "{}", "Authorization", auth);
    }

    private static void awaitEmails(int count) {
        Await.until(count + " emails arrive", WAIT,
                () -> smtp.getReceivedMessages().length >= count);
    }

    private static List<String> enrollmentStatuses() {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM enrollments WHERE"
                + " sequence_id = :id ORDER BY id").bind("id", sequenceId).mapTo(String.class)
                .list());
    }
}
