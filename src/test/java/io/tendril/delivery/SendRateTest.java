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
        Bulk.enrollDue(tendril.database().jdbi(), LEADS);
        Await.until(LEADS + " emails arrive", Duration.ofSeconds(40),
                () -> smtp.deliveries().size() >= LEADS);

        perSecond = new TreeMap<>();
        for (ScriptedSmtpServer.Delivery delivery : smtp.deliveries()) {
            perSecond.merge(delivery.at().getEpochSecond(), 1, Integer::sum);
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
    void everyLeadIsSentOnce() {
        assertEquals(LEADS, smtp.deliveries().size());
    }

    @Test
    void negativeRateIsInvalid() {
        assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("TENDRIL_SEND_RATE", "-1")));
    }
}
