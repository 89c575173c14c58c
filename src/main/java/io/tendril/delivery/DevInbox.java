package io.tendril.delivery;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The development inbox: a real SMTP server on loopback (GreenMail) that receives everything
 * Tendril sends when no SMTP server is configured. Messages live in memory until restart.
 */
public final class DevInbox implements AutoCloseable {

    private final GreenMail greenMail;
    /** Every email seen so far, in arrival order: its position is its id, 1-based. */
    private final List<MimeMessage> arrived = new ArrayList<>();
    private final Map<MimeMessage, Integer> ids = new IdentityHashMap<>();

    private DevInbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts the inbox on a free loopback port. */
    public static DevInbox start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new DevInbox(greenMail);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** A received email, decoded for display. */
    public record Received(
            int id,
            String from,
            String to,
            String subject,
            Instant receivedAt,
            String text,
            String html,
            Map<String, String> headers) {
    }

    /** Returns the received emails, newest first, at most {@code limit}. */
    public List<Received> messages(int limit) {
        List<MimeMessage> all = arrived();
        List<Received> received = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && received.size() < limit; i--) {
            received.add(decode(i + 1, all.get(i)));
        }
        return received;
    }

    /** Returns the email with the 1-based {@code id}, if it exists. */
    public Optional<Received> message(int id) {
        List<MimeMessage> all = arrived();
        if (id < 1 || id > all.size()) {
            return Optional.empty();
        }
        return Optional.of(decode(id, all.get(id - 1)));
    }

    /**
     * Returns every email in arrival order. GreenMail lists its emails grouped by recipient, so
     * an index into its list changes as mail arrives. Here each email keeps the id it was first
     * given, and emails new since the last call are ordered by the time GreenMail received them.
     */
    private synchronized List<MimeMessage> arrived() {
        List<MimeMessage> fresh = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (!ids.containsKey(message)) {
                fresh.add(message);
            }
        }
        fresh.sort(Comparator.comparing(DevInbox::receivedAt,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        for (MimeMessage message : fresh) {
            arrived.add(message);
            ids.put(message, arrived.size());
        }
        return List.copyOf(arrived);
    }

    private static Date receivedAt(MimeMessage message) {
        try {
            Date received = message.getReceivedDate();
            return received != null ? received : message.getSentDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static Received decode(int id, MimeMessage message) {
        try {
            String[] parts = {null, null};
            collect(message, parts);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : new String[] {"Message-ID", "List-Unsubscribe",
                "List-Unsubscribe-Post", "X-Tendril-Test"}) {
                String value = message.getHeader(name, ", ");
                if (value != null) {
                    // A long header arrives folded over several lines; shown, it is one.
                    headers.put(name, MimeUtility.unfold(value));
                }
            }
            Date received = receivedAt(message);
            return new Received(id, addresses(message.getFrom()),
                    addresses(message.getRecipients(Message.RecipientType.TO)),
                    message.getSubject(),
                    received == null ? null : received.toInstant(),
                    parts[0], parts[1], headers);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("A received email could not be decoded", e);
        }
    }

    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, parts);
            }
        }
    }

    private static String addresses(jakarta.mail.Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> formatted = new ArrayList<>();
        for (jakarta.mail.Address address : addresses) {
            formatted.add(address instanceof InternetAddress internet ? internet.toUnicodeString()
                    : address.toString());
        }
        return String.join(", ", formatted);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
