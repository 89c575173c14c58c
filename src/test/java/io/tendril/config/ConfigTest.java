package io.tendril.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsWithEmptyEnvironment() {
        Config config = Config.fromEnvironment(Map.of());
        assertEquals(8080, config.port());
        assertNull(config.baseUrl());
        assertTrue(config.embeddedDatabase());
        assertTrue(config.developmentInbox());
        assertTrue(config.demo());
        assertEquals("Tendril <noreply@localhost>", config.mailFrom().toString());
        assertTrue(config.dataDir().isAbsolute());
        assertTrue(config.dataDir().endsWith("tendril-data"));
    }

    @Test
    void everyInvalidVariableIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "80a",
                "TENDRIL_BASE_URL", "ftp://leads.example.com",
                "TENDRIL_DATABASE_URL", "mysql://u:secretpw@db/leads",
                "TENDRIL_SMTP_URL", "http://mail.example.com",
                "TENDRIL_SECRET", "short",
                "TENDRIL_ADMIN_EMAIL", "not-an-email",
                "TENDRIL_ADMIN_PASSWORD", "pw",
                "TENDRIL_MAIL_FROM", "Team <nobody>",
                "TENDRIL_DEMO", "maybe")));
        List<String> problems = e.problems();
        for (String variable : List.of("TENDRIL_PORT", "TENDRIL_BASE_URL", "TENDRIL_DATABASE_URL",
                "TENDRIL_SMTP_URL", "TENDRIL_SECRET", "TENDRIL_ADMIN_EMAIL",
                "TENDRIL_ADMIN_PASSWORD", "TENDRIL_MAIL_FROM", "TENDRIL_DEMO")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable + ":")),
                    variable + " missing from " + problems);
        }
        assertEquals(9, problems.size(), problems.toString());
        assertFalse(e.getMessage().contains("secretpw"), e.getMessage());
        assertTrue(e.getMessage().contains("'80a'"), e.getMessage());
    }

    @Test
    void adminEmailWithoutPasswordIsInvalid() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(
                Map.of("TENDRIL_ADMIN_EMAIL", "ops@example.com")));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("TENDRIL_ADMIN_PASSWORD:"));
    }

    @Test
    void postgresUrlBecomesJdbcWithCredentials() {
        Config config = Config.fromEnvironment(Map.of("TENDRIL_DATABASE_URL",
                "postgres://app:p%40ss@db.internal:6543/leads?sslmode=require"));
        assertEquals("jdbc:postgresql://db.internal:6543/leads?sslmode=require",
                config.database().jdbcUrl());
        assertEquals("app", config.database().username());
        assertEquals("p@ss", config.database().password());
        assertFalse(config.demo());
        assertFalse(config.toString().contains("p@ss"));
    }

    @Test
    void smtpUrlSchemesAndMasking() {
        SmtpTarget plain = Config.fromEnvironment(Map.of("TENDRIL_SMTP_URL",
                "smtp://mailer:hunter22@smtp.example.com:2525")).smtp();
        assertEquals("smtp.example.com", plain.host());
        assertEquals(2525, plain.port());
        assertEquals(SmtpTarget.Security.PLAIN, plain.security());
        assertEquals("smtp://mailer:***@smtp.example.com:2525", plain.masked());

        SmtpTarget tls = Config.fromEnvironment(Map.of("TENDRIL_SMTP_URL",
                "smtps://smtp.example.com")).smtp();
        assertEquals(465, tls.port());
        assertEquals(SmtpTarget.Security.IMPLICIT_TLS, tls.security());

        SmtpTarget starttls = Config.fromEnvironment(Map.of("TENDRIL_SMTP_URL",
                "smtp://smtp.example.com:587?starttls=required")).smtp();
        assertEquals(SmtpTarget.Security.STARTTLS_REQUIRED, starttls.security());
    }

    @Test
    void mailFromAcceptsNameAndAddress() {
        Sender sender = Config.fromEnvironment(Map.of("TENDRIL_MAIL_FROM",
                "\"Ünal's Shop\" <hello@shop.example>")).mailFrom();
        assertEquals("Ünal's Shop", sender.name());
        assertEquals("hello@shop.example", sender.address());
        assertEquals("shop.example", sender.domain());
    }

    @Test
    void baseUrlLosesTrailingSlash() {
        Config config = Config.fromEnvironment(Map.of("TENDRIL_BASE_URL",
                "https://leads.example.com/"));
        assertEquals("https://leads.example.com", config.baseUrl());
    }

    @Test
    void virtualThreadsByDefaultOnJava21() {
        assertTrue(Config.parseVirtualThreads(null, 21, new java.util.ArrayList<>()));
    }

    @Test
    void platformThreadsByDefaultBeforeJava21() {
        assertFalse(Config.parseVirtualThreads(null, 17, new java.util.ArrayList<>()));
    }

    @Test
    void platformThreadsWhenSwitchedOff() {
        assertFalse(Config.parseVirtualThreads("false", 25, new java.util.ArrayList<>()));
    }

    @Test
    void virtualThreadsOnJava21() {
        List<String> problems = new java.util.ArrayList<>();
        assertTrue(Config.parseVirtualThreads("true", 21, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void virtualThreadsRefusedBeforeJava21() {
        List<String> problems = new java.util.ArrayList<>();
        Config.parseVirtualThreads("true", 17, problems);
        assertTrue(problems.get(0).startsWith("TENDRIL_VIRTUAL_THREADS: virtual threads need"
                + " Java 21"), problems.toString());
    }
}
