package io.tendril.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mail variables: defaults, valid values and one message per invalid variable. */
class MailSettingsTest {

    @Test
    void defaultsNeedNoVariables() {
        MailSettings mail = Config.fromEnvironment(Map.of()).mail();
        assertNull(mail.postalAddress());
        assertEquals(0.05, mail.bounceRateLimit());
        assertEquals(0.001, mail.complaintRateLimit());
        assertEquals(3, mail.softBounceLimit());
    }

    @Test
    void validValuesAreRead() {
        MailSettings mail = Config.fromEnvironment(Map.of(
                "TENDRIL_POSTAL_ADDRESS", "Acme Ltd, 1 Main St, Springfield",
                "TENDRIL_BOUNCE_DOMAIN", "Bounces.Example.com",
                "TENDRIL_BOUNCE_RATE_LIMIT", "2%",
                "TENDRIL_FEEDBACK_MAILBOX_URL", "imaps://u:p@mail.example.com/INBOX")).mail();
        assertEquals("Acme Ltd, 1 Main St, Springfield", mail.postalAddress());
        assertEquals("bounces.example.com", mail.bounceDomain());
        assertEquals(0.02, mail.bounceRateLimit(), 1e-9);
        assertEquals("imaps", mail.feedbackMailbox().getScheme());
    }

    @Test
    void invalidValuesAreAllReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(
                Map.of("TENDRIL_POSTAL_ADDRESS", "line\nbreak",
                        "TENDRIL_BOUNCE_DOMAIN", "not a domain",
                        "TENDRIL_WEBHOOK_SECRET", "short",
                        "TENDRIL_FEEDBACK_MAILBOX_URL", "ftp://x",
                        "TENDRIL_DKIM_PRIVATE_KEY", "/no/such/key.pem",
                        "TENDRIL_DKIM_SELECTOR", "s1")));
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("TENDRIL_DKIM_PRIVATE_KEY"));
    }

    @Test
    void dkimKeyAndSelectorProblemsTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(
                Map.of("TENDRIL_DKIM_PRIVATE_KEY", "/no/such/key.pem")));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("TENDRIL_DKIM_PRIVATE_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("TENDRIL_DKIM_SELECTOR"), e.getMessage());
    }
}
