package io.tendril.bench;

import io.tendril.config.SmtpTarget;
import io.tendril.delivery.OutgoingEmail;
import io.tendril.delivery.SmtpMailTransport;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference M: the mail library's own limit. Sends copies of an email that Tendril sent (read
 * back from the sink's saved MIME message) through Tendril's {@link SmtpMailTransport}
 * with nothing else in the process: no database, no rendering, no link rewriting. Each copy gets
 * its own recipient and Message-ID, as in the sender figure, and at most {@code IN_FLIGHT} are
 * waiting for SMTP at once, about as many as the due pass hands over. After {@code WARM_UP}
 * sends, so that the JIT has compiled the path, it prints one line per repetition:
 * {@code messages=N seconds=T rate=R cpu_ms=C}, where C is this process's CPU time per email.
 * Usage: {@code MailerBlast HOST PORT WARM_UP COUNT REPETITIONS MESSAGE_FILE}.
 */
public final class MailerBlast {

    private static final int IN_FLIGHT = 250;

    private MailerBlast() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int warmUp = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int repetitions = Integer.parseInt(args[4]);
        OutgoingEmail sample = read(Path.of(args[5]));

        try (SmtpMailTransport transport = new SmtpMailTransport(
                new SmtpTarget(host, port, null, null, SmtpTarget.Security.PLAIN))) {
            blast(transport, sample, warmUp);
            for (int rep = 0; rep < repetitions; rep++) {
                System.out.println(blast(transport, sample, count));
            }
        }
    }

    /** Sends {@code count} copies and returns the figures of the run. */
    private static String blast(SmtpMailTransport transport, OutgoingEmail sample, int count)
            throws InterruptedException {
        var system = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> sends = new ArrayList<>(count);
        long cpuBefore = system.getProcessCpuTime();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquire();
            CompletableFuture<Void> send = transport.send(copy(sample, i));
            send.whenComplete((done, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
                window.release();
            });
            sends.add(send);
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .exceptionally(error -> null).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMs = (system.getProcessCpuTime() - cpuBefore) / 1e6 / count;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count
                    + " emails failed to send; check the SMTP sink's log");
        }
        return String.format("messages=%d seconds=%.3f rate=%.1f cpu_ms=%.3f", count, seconds,
                count / seconds, cpuMs);
    }

    private static OutgoingEmail copy(OutgoingEmail sample, int i) {
        return new OutgoingEmail(sample.fromName(), sample.fromAddress(), sample.toName(),
                "lead-" + i + "@example.com", sample.subject(), sample.html(), sample.text(),
                "<mailer-blast-" + i + "-" + System.nanoTime() + "@localhost>", sample.headers(),
                sample.bounceAddress());
    }

    /** Reads the parts and the List-Unsubscribe headers of a saved multipart email. */
    private static OutgoingEmail read(Path file) throws Exception {
        MimeMessage message;
        try (InputStream in = Files.newInputStream(file)) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        InternetAddress to = (InternetAddress) message.getAllRecipients()[0];
        String[] parts = new String[2];
        collect(message, parts);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("List-Unsubscribe", "List-Unsubscribe-Post")) {
            String value = message.getHeader(name, null);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new OutgoingEmail(from.getPersonal(), from.getAddress(), to.getPersonal(),
                to.getAddress(), message.getSubject(), parts[0], parts[1], null, headers, null);
    }

    /** Fills {@code parts[0]} with the HTML part and {@code parts[1]} with the text part. */
    private static void collect(Part part, String[] parts) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
        } else if (part.isMimeType("text/html")) {
            parts[0] = (String) part.getContent();
        } else if (part.isMimeType("text/plain")) {
            parts[1] = (String) part.getContent();
        }
    }
}
