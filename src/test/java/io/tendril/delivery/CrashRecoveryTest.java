package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.db.Database;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node in its own JVM is killed with SIGKILL while a step due for 500 leads is being sent,
 * once about 200 emails reached the SMTP server. Then a node restarts on the same database.
 */
class CrashRecoveryTest {

    static final int LEADS = 500;
    static final Duration WAIT = Duration.ofSeconds(90);

    private static GreenMail smtp;
    private static Database database;
    private static Jdbi jdbi;
    private static int sendingAtKill;
    private static int handedAtKill;
    private static List<Long> notHandedAtKill;
    private static List<String> recipients;

    @BeforeAll
    static void crashAndRestart() throws Exception {
        smtp = TestNode.startSmtp();
        String smtpUrl = "smtp://127.0.0.1:" + smtp.getSmtp().getPort();
        String databaseUrl = TestDatabase.createDatabase();
        database = Bulk.open(databaseUrl);
        jdbi = database.jdbi();
        Bulk.enrollDue(jdbi, LEADS);

        ChildNode child = ChildNode.start("crash", databaseUrl, smtpUrl);
        try {
            Await.until("200 emails reach the SMTP server (log: " + child.log() + ")", WAIT,
                    () -> smtp.getReceivedMessages().length >= 200);
        } finally {
            child.kill();
        }
        sendingAtKill = Bulk.messages(jdbi, "sending");
        notHandedAtKill = jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages"
                + " WHERE status = 'sending' AND smtp_message_id IS NULL")
                .mapTo(Long.class).list());
        handedAtKill = sendingAtKill - notHandedAtKill.size();

        try (Tendril restarted = Tendril.start(Config.fromEnvironment(env(databaseUrl,
                smtpUrl)), Clock.systemUTC(), DueScheduler.DEFAULT_NAME)) {
            Await.until("no message is left sending and every enrollment is done", WAIT,
                    () -> Bulk.messages(jdbi, "sending") == 0 && activeEnrollments() == 0);
        }
        recipients = recipients(smtp.getReceivedMessages());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
        smtp.stop();
    }

    @Test
    void oneMessageRowPerLead() {
        assertEquals(LEADS, count("SELECT count(DISTINCT enrollment_id) FROM messages"));
        assertEquals(LEADS, count("SELECT count(*) FROM messages"));
    }

    @Test
    void everyLeadSentOrReportedUnknown() {
        assertEquals(LEADS, Bulk.messages(jdbi, "sent") + Bulk.messages(jdbi, "unknown"));
    }

    @Test
    void handedMessagesBecomeUnknown() {
        assertEquals(handedAtKill, Bulk.messages(jdbi, "unknown"));
    }

    @Test
    void unhandedMessagesSentAfterRestart() {
        assertTrue(!notHandedAtKill.isEmpty(), "the kill left no claimed, unsent message");
        List<String> statuses = jdbi.withHandle(h -> h.createQuery("SELECT status FROM messages"
                + " WHERE id = ANY(:ids)").bindArray("ids", Long.class, notHandedAtKill)
                .mapTo(String.class).list());

        assertEquals(notHandedAtKill.size(), statuses.size());
        assertEquals(List.of("sent"), statuses.stream().distinct().toList());
    }

    @Test
    void unknownAtMostTwoChunks() {
        int unknown = Bulk.messages(jdbi, "unknown");

        assertTrue(unknown <= 2 * DuePass.CHUNK_SIZE, unknown + " messages unknown");
    }

    @Test
    void duplicatesAtMostInFlight() {
        int duplicates = recipients.size() - new HashSet<>(recipients).size();

        assertTrue(duplicates <= sendingAtKill, duplicates + " duplicates, " + sendingAtKill
                + " messages in flight at the kill");
    }

    @Test
    void everySentLeadReceivedIt() {
        Set<String> received = new HashSet<>(recipients);
        List<String> sent = jdbi.withHandle(h -> h.createQuery("SELECT l.email FROM messages m"
                + " JOIN leads l ON l.id = m.lead_id WHERE m.status = 'sent'")
                .mapTo(String.class).list());

        assertEquals(List.of(), sent.stream().filter(email -> !received.contains(email))
                .toList());
    }

    private static Map<String, String> env(String databaseUrl, String smtpUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("TENDRIL_PORT", "0");
        env.put("TENDRIL_DATABASE_URL", databaseUrl);
        env.put("TENDRIL_SMTP_URL", smtpUrl);
        env.put("TENDRIL_DEMO", "false");
        env.put("TENDRIL_ADMIN_EMAIL", TestNode.ADMIN_EMAIL);
        env.put("TENDRIL_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD);
        return env;
    }

    private static int activeEnrollments() {
        return count("SELECT count(*) FROM enrollments WHERE status = 'active'");
    }

    private static int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    /** Returns the first recipient of each message. */
    static List<String> recipients(MimeMessage[] messages) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : messages) {
            recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
        }
        return recipients;
    }
}
