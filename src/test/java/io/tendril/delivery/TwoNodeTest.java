package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import io.tendril.db.Database;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each in its own JVM with its own Quartz scheduler in one cluster, on one database:
 * a step falls due for 10,000 leads at once.
 */
class TwoNodeTest {

    static final int LEADS = 10_000;
    static final Duration WAIT = Duration.ofSeconds(300);

    private static GreenMail smtp;
    private static Database database;
    private static Jdbi jdbi;
    private static List<String> recipients;
    private static String logs;

    @BeforeAll
    static void sendWithTwoNodes() throws Exception {
        smtp = TestNode.startSmtp();
        String smtpUrl = "smtp://127.0.0.1:" + smtp.getSmtp().getPort();
        String databaseUrl = TestDatabase.createDatabase();
        database = Bulk.open(databaseUrl);
        jdbi = database.jdbi();

        ChildNode first = ChildNode.start("cluster-a", databaseUrl, smtpUrl);
        ChildNode second = ChildNode.start("cluster-b", databaseUrl, smtpUrl);
        try {
            Await.until("both nodes joined the Quartz cluster", WAIT, () -> count(
                    "SELECT count(*) FROM qrtz_scheduler_state") == 2);
            Bulk.enrollDue(jdbi, LEADS);
            Await.until(LEADS + " messages are sent", WAIT,
                    () -> Bulk.messages(jdbi, "sent") == LEADS);
        } finally {
            first.close();
            second.close();
        }
        recipients = CrashRecoveryTest.recipients(smtp.getReceivedMessages());
        logs = Files.readString(first.log()) + Files.readString(second.log());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
        smtp.stop();
    }

    @Test
    void eachLeadReceivesOneEmail() {
        assertEquals(LEADS, recipients.size());
        assertEquals(LEADS, new HashSet<>(recipients).size());
    }

    @Test
    void oneMessageRowPerEnrollment() {
        assertEquals(LEADS, count("SELECT count(*) FROM messages"));
        assertEquals(LEADS, count("SELECT count(DISTINCT enrollment_id) FROM messages"));
    }

    @Test
    void bothNodesSent() {
        assertEquals(2, count("SELECT count(DISTINCT node_id) FROM messages"));
    }

    @Test
    void logsHaveNoUniqueViolation() {
        assertEquals(-1, logs.toLowerCase(Locale.ROOT).indexOf("duplicate key"));
    }

    private static int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
