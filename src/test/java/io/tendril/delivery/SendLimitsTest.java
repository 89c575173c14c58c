package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.util.GreenMail;
import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.config.ConfigException;
import io.tendril.support.Mailings;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hourly and per-recipient-domain send rates on a node with a test clock: what a rate has
 * no room for waits for its next window, and nothing is lost or sent twice.
 */
class SendLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private GreenMail smtp;
    private Tendril tendril;

    @AfterEach
    void stop() {
        if (tendril != null) {
            tendril.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void domainRateWaitsNextMinute() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofSeconds(70)));
        Jdbi jdbi = start(clock, "TENDRIL_SEND_RATE_PER_DOMAIN", "4");
        enrollDue(jdbi, "busy.example", 10);
        enrollDue(jdbi, "quiet.example", 3);

        Await.until("4 busy and 3 quiet emails", WAIT, () -> received("busy.example") == 4
                && received("quiet.example") == 3);
        Thread.sleep(2500);
        assertEquals(4, received("busy.example"), "within the first minute");

        clock.advance(Duration.ofMinutes(1));
        Await.until("8 busy emails", WAIT, () -> received("busy.example") == 8);
        Thread.sleep(2500);
        assertEquals(8, received("busy.example"), "within the second minute");

        clock.advance(Duration.ofMinutes(1));
        Await.until("10 busy emails", WAIT, () -> received("busy.example") == 10);
        // The SMTP server has an email before the pass records it as sent.
        Await.until("13 messages recorded as sent", WAIT, () -> sent(jdbi) >= 13);
        assertEquals(13, sent(jdbi));
        assertEquals(13, smtp.getReceivedMessages().length);
    }

    @Test
    void hourlyRateWaitsNextHour() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        MutableClock clock = new MutableClock(hour.minusSeconds(40));
        Jdbi jdbi = start(clock, "TENDRIL_SEND_RATE_PER_HOUR", "5");
        enrollDue(jdbi, "hourly.example", 8);

        // Only an hourly rate paces the sends at one per second; the test clock moves on by
        // hand while the node works.
        for (int i = 0; i < 30 && received("hourly.example") < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(300);
        }
        assertEquals(5, received("hourly.example"), "before the hour ends");
        Thread.sleep(2500);
        assertEquals(5, received("hourly.example"), "still before the hour ends");

        clock.set(hour.plusSeconds(1));
        for (int i = 0; i < 30 && received("hourly.example") < 8; i++) {
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(300);
        }
        assertEquals(8, received("hourly.example"), "in the next hour");
        Await.until("8 messages recorded as sent", WAIT, () -> sent(jdbi) >= 8);
        assertEquals(8, sent(jdbi));
    }

    @Test
    void badRatesAreNamed() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("TENDRIL_SEND_RATE_PER_HOUR", "lots",
                        "TENDRIL_SEND_RATE_PER_DOMAIN", "-3")));

        assertEquals(true, error.getMessage().contains("TENDRIL_SEND_RATE_PER_HOUR: 'lots'"),
                error.getMessage());
        assertEquals(true, error.getMessage().contains("TENDRIL_SEND_RATE_PER_DOMAIN: '-3'"),
                error.getMessage());
    }

    private Jdbi start(MutableClock clock, String rate, String value) {
        smtp = TestNode.startSmtp();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "TENDRIL_DEMO", "false",
                rate, value,
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                clock, "send-limits-" + System.nanoTime());
        return tendril.database().jdbi();
    }

    /** Enrolls {@code count} new leads at {@code domain} in a new one-step sequence, due now. */
    private static void enrollDue(Jdbi jdbi, String domain, int count) {
        long sequenceId = Mailings.sequence(jdbi, "Limits " + domain, "Hello {{name}}",
                "<p>Hi</p>", "").id();
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO leads (email, email_key, name) SELECT 'lead-' || n"
                    + " || '@' || :domain, 'lead-' || n || '@' || :domain, 'Lead ' || n"
                    + " FROM generate_series(1, :count) n")
                    .bind("domain", domain).bind("count", count).execute();
            h.createUpdate("INSERT INTO enrollments (lead_id, sequence_id, next_position,"
                    + " next_due_at) SELECT id, :sequence, 1, now() - interval '1 second'"
                    + " FROM leads WHERE email LIKE '%@' || :domain")
                    .bind("sequence", sequenceId).bind("domain", domain).execute();
        });
    }

    private int received(String domain) {
        int count = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                InternetAddress to = (InternetAddress) message.getRecipients(
                        Message.RecipientType.TO)[0];
                if (to.getAddress().endsWith("@" + domain)) {
                    count++;
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return count;
    }

    private static int sent(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM messages WHERE status"
                + " = 'sent'").mapTo(Integer.class).one());
    }
}
