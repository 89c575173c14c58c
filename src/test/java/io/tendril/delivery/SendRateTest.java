package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.config.ConfigException;
import io.tendril.support.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import io.tendril.support.Mailings;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TENDRIL_SEND_RATE=10 with 60 leads due at once: the sends are spread over the seconds. */
class SendRateTest {

    static final int RATE = 10;
    static final int LEADS = 60;

    private static ScriptedSmtpServer smtp;
    private static Tendril tendril;
    private static Map<Long, Integer> perSecond;
    private static Map<Long, long[]> spans;

    @BeforeAll
    static void sendAll() throws Exception {
        smtp = new ScriptedSmtpServer();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.port(),
                "TENDRIL_DEMO", "false",
                "TENDRIL_SEND_RATE", String.valueOf(RATE),
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                Clock.systemUTC(), "send-rate-" + System.nanoTime());
        Jdbi jdbi = tendril.database().jdbi();

        // One email first opens the SMTP connection, whose set-up would otherwise delay the
        // first second's sends into the next one.
        long warmUp = Mailings.enroll(jdbi, "warm-up@example.com", "Warm",
                Mailings.sequence(jdbi, "Warm-up", "Hi", "<p>Hi</p>", "").id());
        Await.until("the warm-up email arrives", Duration.ofSeconds(20),
                () -> smtp.deliveries().size() == 1);
        jdbi.useHandle(h -> h.execute("DELETE FROM leads WHERE id = ?", warmUp));

        Bulk.enrollDue(jdbi, LEADS);
        Await.until(LEADS + " emails arrive", Duration.ofSeconds(40),
                () -> smtp.deliveries().size() >= LEADS + 1);

        perSecond = new TreeMap<>();
        spans = new TreeMap<>();
        for (ScriptedSmtpServer.Delivery delivery : smtp.deliveries().subList(1,
                smtp.deliveries().size())) {
            long second = delivery.at().getEpochSecond();
            long millis = delivery.at().toEpochMilli();
            perSecond.merge(second, 1, Integer::sum);
            spans.merge(second, new long[] {millis, millis},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
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
    void noSecondExceedsTheRate() {
        int busiest = Collections.max(perSecond.values());

        assertTrue(busiest <= RATE, "busiest second had " + busiest + " sends: " + perSecond);
    }

    @Test
    void fullSecondsAreSpreadNotBunched() {
        int full = 0;
        for (Map.Entry<Long, Integer> second : perSecond.entrySet()) {
            if (second.getValue() >= RATE - 1) {
                long[] span = spans.get(second.getKey());
                full++;
                assertTrue(span[1] - span[0] >= 400, "the " + second.getValue()
                        + " sends of second " + second.getKey() + " arrived within "
                        + (span[1] - span[0]) + " ms");
            }
        }
        assertTrue(full >= 3, "too few busy seconds to judge: " + perSecond);
    }

    @Test
    void everyLeadIsSentOnce() {
        assertEquals(LEADS + 1, smtp.deliveries().size());
    }

    @Test
    void negativeRateIsInvalid() {
        assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("TENDRIL_SEND_RATE", "-1")));
    }
}
