package io.tendril.suppression;

import io.tendril.tracking.TokenSigner;
import io.tendril.tracking.TrackingService;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the feedback mailbox over IMAP or POP3 for bounces (DSN, or a mailer-daemon message to
 * a VERP address {@code b-TOKEN@}), complaints (ARF) and mailto unsubscribes
 * ({@code u-TOKEN@}). A message it
 * understood is deleted; any other message is left in place (over IMAP it is marked seen and
 * skipped on the next poll).
 */
public final class MailboxPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    private static final Pattern VERP = Pattern.compile("(?:^|[<\\s,+:])b-([A-Za-z0-9_-]{31})@");
    private static final Pattern UNSUBSCRIBE =
            Pattern.compile("(?:^|[<\\s,+:])u-([A-Za-z0-9_-]{31})@");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "undeliver|delivery (status|failure|has failed)|returned mail|failure notice"
                    + "|mail delivery failed");
    private static final String[] RECIPIENT_HEADERS = {"To", "Delivered-To", "X-Original-To",
        "Envelope-To", "X-Envelope-To", "Cc"};
    private static final int TIMEOUT_MILLIS = 30_000;

    private final URI mailbox;
    private final FeedbackService feedback;
    private final TrackingService tracking;
    private final TokenSigner signer;
    private final boolean trustAllHosts;
    private ScheduledExecutorService executor;

    /** {@code trustAllHosts} skips TLS certificate checks, for self-signed test servers only. */
    public MailboxPoller(URI mailbox, FeedbackService feedback, TrackingService tracking,
            TokenSigner signer, boolean trustAllHosts) {
        this.mailbox = mailbox;
        this.feedback = feedback;
        this.tracking = tracking;
        this.signer = signer;
        this.trustAllHosts = trustAllHosts;
    }

    /** Polls every {@code seconds} on a background thread until closed. */
    public void start(int seconds) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "feedback-mailbox");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollLogged, 1, seconds, TimeUnit.SECONDS);
    }

    private void pollLogged() {
        try {
            poll();
        } catch (MessagingException | RuntimeException e) {
            log.error("Polling the feedback mailbox at {} failed: {}", mailbox.getHost(),
                    e.toString());
        }
    }

    /** Reads the mailbox once; returns how many messages were processed. */
    public int poll() throws MessagingException {
        String protocol = mailbox.getScheme().toLowerCase(Locale.ROOT);
        Session session = Session.getInstance(properties(protocol));
        String[] credentials = credentials();
        int processed = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(mailbox.getHost(), mailbox.getPort(), credentials[0], credentials[1]);
            Folder folder = store.getFolder(folderName(protocol));
            folder.open(Folder.READ_WRITE);
            try {
                processed = processAll(folder, protocol.startsWith("imap"));
            } finally {
                folder.close(true);
            }
        }
        if (processed > 0) {
            log.info("Feedback mailbox: applied {} messages", processed);
        }
        return processed;
    }

    private int processAll(Folder folder, boolean imap) throws MessagingException {
        int processed = 0;
        for (Message message : folder.getMessages()) {
            if (imap && message.isSet(Flags.Flag.SEEN)) {
                continue;
            }
            boolean understood;
            try {
                understood = process((MimeMessage) message);
            } catch (RuntimeException e) {
                log.error("Applying message {} of the feedback mailbox failed; it stays for the"
                        + " next poll", message.getMessageNumber(), e);
                if (imap) {
                    message.setFlag(Flags.Flag.SEEN, false);
                }
                continue;
            }
            message.setFlag(understood ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
            processed += understood ? 1 : 0;
        }
        return processed;
    }

    /** Applies one received message; returns false when it is no report Tendril understands. */
    boolean process(MimeMessage message) throws MessagingException {
        List<String> recipients = recipients(message);
        Optional<String> unsubscribe = token(UNSUBSCRIBE, recipients);
        if (unsubscribe.isPresent()) {
            return tracking.unsubscribe(unsubscribe.get());
        }
        Long verpMessageId = token(VERP, recipients)
                .flatMap(t -> signer.verify(TokenSigner.Kind.BOUNCE, t))
                .map(TokenSigner.Token::id).orElse(null);
        List<Feedback> reports;
        try {
            reports = ReportParser.parse(message);
        } catch (IOException | MessagingException | RuntimeException e) {
            log.warn("A message in the feedback mailbox could not be parsed as a report: {}",
                    e.toString());
            reports = List.of();
        }
        if (reports.isEmpty() && verpMessageId != null && looksLikeBounce(message)) {
            // A bounce without a DSN part, addressed to the message's own VERP address.
            reports = List.of(new Feedback(Feedback.Type.HARD_BOUNCE, null, verpMessageId, null,
                    "verp", "Non-standard bounce to the VERP address"));
        }
        for (Feedback report : reports) {
            feedback.apply(verpMessageId == null ? report : report.withMessageId(verpMessageId));
        }
        return !reports.isEmpty();
    }

    /**
     * Returns true for a non-standard bounce: sent by a mailer daemon or with a failure subject,
     * and not an auto-reply (RFC 3834 auto-replies also go to the Return-Path).
     */
    static boolean looksLikeBounce(MimeMessage message) throws MessagingException {
        String autoSubmitted = message.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && autoSubmitted.strip().toLowerCase(Locale.ROOT)
                .startsWith("auto-replied")) {
            return false;
        }
        String from = String.valueOf(message.getHeader("From", ",")).toLowerCase(Locale.ROOT);
        String subject = String.valueOf(message.getSubject()).toLowerCase(Locale.ROOT);
        return from.contains("mailer-daemon") || from.contains("postmaster")
                || BOUNCE_SUBJECT.matcher(subject).find();
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        List<String> found = new ArrayList<>();
        for (String name : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(name);
            if (values != null) {
                found.addAll(List.of(values));
            }
        }
        return found;
    }

    private static Optional<String> token(Pattern pattern, List<String> recipients) {
        for (String recipient : recipients) {
            Matcher matcher = pattern.matcher(recipient);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private Properties properties(String protocol) {
        Properties properties = new Properties();
        String timeout = String.valueOf(TIMEOUT_MILLIS);
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        if (trustAllHosts) {
            properties.put("mail." + protocol + ".ssl.trust", "*");
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        }
        return properties;
    }

    private String folderName(String protocol) {
        String path = mailbox.getPath();
        if (protocol.startsWith("pop3") || path == null || path.length() <= 1) {
            return "INBOX";
        }
        return URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    }

    private String[] credentials() {
        String info = mailbox.getRawUserInfo();
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? "" : info.substring(colon + 1);
        return new String[] {decode(user), decode(password)};
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
