package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tendril.config.SmtpTarget;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
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

    @Test
    void asciiPartsGoAs7bit() throws Exception {
        GreenMail server = start("smtp");
        try (SmtpMailTransport transport = new SmtpMailTransport(new SmtpTarget("127.0.0.1",
                server.getSmtp().getPort(), null, null, SmtpTarget.Security.PLAIN))) {
            transport.send(email("ascii@example.com")).get(30, TimeUnit.SECONDS);
            String raw = raw(server.getReceivedMessages()[0]);
            assertTrue(raw.contains("Content-Transfer-Encoding: 7bit"), raw);
            assertFalse(raw.contains("quoted-printable"), raw);
        } finally {
            server.stop();
        }
    }

    @Test
    void accentsAndLongLinesStayIntact() throws Exception {
        GreenMail server = start("smtp");
        String html = "<p>Grüße, Zoë</p><p>" + "x".repeat(1200) + "</p>";
        try (SmtpMailTransport transport = new SmtpMailTransport(new SmtpTarget("127.0.0.1",
                server.getSmtp().getPort(), null, null, SmtpTarget.Security.PLAIN))) {
            transport.send(new OutgoingEmail("Acme", "team@acme.example", "Lead",
                    "accents@example.com", "Hello", html, "Grüße", "<t2@acme.example>",
                    Map.of(), null)).get(30, TimeUnit.SECONDS);
            MimeMessage received = server.getReceivedMessages()[0];
            assertTrue(raw(received).contains("quoted-printable"));
            assertEquals(html, htmlPart(received));
        } finally {
            server.stop();
        }
    }

    @Test
    void encodingFollowsContent() {
        assertTrue(SmtpMailTransport.is7bit("<p>plain</p>\n\tline\r\n"));
        assertFalse(SmtpMailTransport.is7bit("caf\u00e9"));
        assertFalse(SmtpMailTransport.is7bit("x".repeat(SmtpMailTransport.MAX_7BIT_LINE + 1)));
        assertFalse(SmtpMailTransport.is7bit("nul\u0000"));
    }

    private static String raw(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns the decoded text/html part, wherever the multipart structure puts it. */
    private static String htmlPart(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = htmlPart(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
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
