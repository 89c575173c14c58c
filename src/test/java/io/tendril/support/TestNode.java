package io.tendril.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tendril.Tendril;
import io.tendril.config.Config;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Tendril node for a test: a fresh database on the shared test PostgreSQL, its own GreenMail
 * SMTP server, and the HTTP server on a free port, all real.
 */
public final class TestNode implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "correct horse battery";

    private final GreenMail smtp;
    private final Tendril tendril;
    private final Http http;

    private TestNode(GreenMail smtp, Tendril tendril) {
        this.smtp = smtp;
        this.tendril = tendril;
        this.http = new Http(tendril.baseUrl());
    }

    /** Starts a node with the demo data, a new database and a new SMTP server. */
    public static TestNode start() {
        return start(Map.of());
    }

    /** Starts a node with extra environment variables on top of the test defaults. */
    public static TestNode start(Map<String, String> extraEnv) {
        GreenMail smtp = startSmtp();
        Map<String, String> env = new HashMap<>();
        env.put("TENDRIL_PORT", "0");
        env.put("TENDRIL_DATABASE_URL", TestDatabase.createDatabase());
        env.put("TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort());
        env.put("TENDRIL_DEMO", "true");
        env.put("TENDRIL_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("TENDRIL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("TENDRIL_MAIL_FROM", "Acme Team <team@acme.example>");
        env.put("TENDRIL_DATA_DIR", Path.of("target", "test-data").toString());
        env.putAll(extraEnv);
        try {
            Tendril tendril = Tendril.start(Config.fromEnvironment(env), Clock.systemUTC(),
                    "tendril-test-" + System.nanoTime());
            return new TestNode(smtp, tendril);
        } catch (RuntimeException e) {
            smtp.stop();
            throw e;
        }
    }

    /** Starts a real SMTP server (GreenMail) on a free loopback port that accepts any mail. */
    public static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        return smtp;
    }

    public Tendril tendril() {
        return tendril;
    }

    public Http http() {
        return http;
    }

    public GreenMail smtp() {
        return smtp;
    }

    /** Waits until the SMTP server holds {@code count} emails; returns them. */
    public MimeMessage[] awaitEmails(int count, Duration timeout) {
        if (!smtp.waitForIncomingEmail(timeout.toMillis(), count)) {
            throw new AssertionError("Expected " + count + " emails within " + timeout + ", got "
                    + smtp.getReceivedMessages().length);
        }
        return smtp.getReceivedMessages();
    }

    /** Returns an API token for the test admin. */
    public String apiToken() {
        return http.createToken(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        tendril.close();
        smtp.stop();
    }
}
