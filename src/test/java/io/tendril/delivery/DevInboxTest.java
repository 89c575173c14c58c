package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The development inbox over real SMTP: ids stay put, the list is newest first, and the test
 * header shows.
 */
class DevInboxTest {

    private DevInbox inbox;

    @BeforeEach
    void start() {
        inbox = DevInbox.start();
    }

    @AfterEach
    void stop() {
        inbox.close();
    }

    @Test
    void idsSurviveMailToOtherRecipients() throws Exception {
        send("ann@example.com", "First to Ann");
        send("bob@example.com", "First to Bob");
        int annId = inbox.messages(10).get(1).id();

        send("ann@example.com", "Second to Ann");
        send("abe@example.com", "First to Abe");

        assertEquals("First to Ann", inbox.message(annId).orElseThrow().subject());
        assertEquals(List.of("First to Abe", "Second to Ann", "First to Bob", "First to Ann"),
                inbox.messages(10).stream().map(DevInbox.Received::subject).toList());
        assertEquals(List.of(4, 3, 2, 1),
                inbox.messages(10).stream().map(DevInbox.Received::id).toList());
    }

    @Test
    void unknownIdIsEmpty() throws Exception {
        send("ann@example.com", "Only one");

        assertEquals(true, inbox.message(2).isEmpty());
        assertEquals(true, inbox.message(0).isEmpty());
    }

    @Test
    void testHeaderShown() throws Exception {
        send("ann@example.com", "[Test] Welcome", "X-Tendril-Test", "true");

        assertEquals("true", inbox.message(1).orElseThrow().headers().get("X-Tendril-Test"));
    }

    private void send(String to, String subject, String... headers) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(inbox.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("tendril@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello");
        for (int i = 0; i < headers.length; i += 2) {
            message.setHeader(headers[i], headers[i + 1]);
        }
        Transport.send(message);
    }
}
