package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tendril.config.SmtpTarget;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SMTP transport against real servers: plain SMTP, implicit TLS, STARTTLS required. */
class SmtpTransportTest {

    @Test
    void implicitTlsDelivers() throws Exception {
        GreenMail server = start("smtps");
        try (SmtpMailTransport transport = new SmtpMailTransport(new SmtpTarget("127.0.0.1",
                server.getSmtps().getPort(), "tendril", "pw", SmtpTarget.Security.IMPLICIT_TLS),
                null, true, io.tendril.suppression.SuppressionList.empty())) {
            transport.send(email("tls@example.com")).get(30, TimeUnit.SECONDS);
            assertEquals(1, server.getReceivedMessages().length);
        } finally {
            server.stop();
        }
    }

    @Test
    void plainSmtpDeliversWithTestHeader() throws Exception {
        GreenMail server = start("smtp");
        try (SmtpMailTransport transport = new SmtpMailTransport(new SmtpTarget("127.0.0.1",
                server.getSmtp().getPort(), null, null, SmtpTarget.Security.PLAIN))) {
            transport.send(email("plain@example.com").asTest("qa@example.com"))
                    .get(30, TimeUnit.SECONDS);
            MimeMessage received = server.getReceivedMessages()[0];
            assertEquals("[Test] Hello", received.getSubject());
            assertNotNull(received.getHeader("X-Tendril-Test"));
        } finally {
            server.stop();
        }
    }

    @Test
    void requiredStarttlsUpgradesBeforeMail() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer();
                SmtpMailTransport transport = new SmtpMailTransport(new SmtpTarget("127.0.0.1",
                        server.port(), null, null, SmtpTarget.Security.STARTTLS_REQUIRED),
                        null, true, io.tendril.suppression.SuppressionList.empty())) {
            transport.send(email("starttls@example.com")).get(30, TimeUnit.SECONDS);
            assertEquals(1, server.messages().size());
            assertTrue(server.messages().get(0).contains("Subject: Hello"),
                    server.messages().get(0));
        }
    }

    @Test
    void requiredStarttlsRefusesPlainServer() {
        GreenMail server = start("smtp");
        try (SmtpMailTransport transport = new SmtpMailTransport(new SmtpTarget("127.0.0.1",
                server.getSmtp().getPort(), null, null, SmtpTarget.Security.STARTTLS_REQUIRED),
                null, true, io.tendril.suppression.SuppressionList.empty())) {
            assertThrows(ExecutionException.class, () -> transport.send(
                    email("starttls@example.com")).get(30, TimeUnit.SECONDS));
            assertEquals(0, server.getReceivedMessages().length);
        } finally {
            server.stop();
        }
    }

    private static GreenMail start(String protocol) {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return server;
    }

    private static OutgoingEmail email(String to) {
        return new OutgoingEmail("Acme", "team@acme.example", "Lead", to, "Hello",
                "<p>Hello</p>", "Hello", "<t1@acme.example>", Map.of(), null);
    }
}
