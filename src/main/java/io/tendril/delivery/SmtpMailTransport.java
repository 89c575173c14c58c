package io.tendril.delivery;

import io.tendril.config.MailSettings;
import io.tendril.config.SmtpTarget;
import io.tendril.lead.EmailAddress;
import io.tendril.suppression.SuppressionList;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.simplejavamail.api.email.ContentTransferEncoding;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.api.email.config.DkimConfig;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.email.internal.InternalEmail;
import org.simplejavamail.mailer.MailerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through an SMTP server over a pool of reused connections (simple-java-mail and its
 * batch module), with connect, read and write timeouts. Plain SMTP, STARTTLS and implicit TLS;
 * DKIM-signs each email when a key is configured, and sets the envelope sender (Return-Path)
 * when the email carries a VERP bounce address.
 */
public final class SmtpMailTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailTransport.class);

    /** Parallel SMTP connections, and so parallel sends, per node. */
    public static final int CONNECTIONS = 4;
    /** Connect, read and write timeout of each SMTP connection. */
    static final int TIMEOUT_MILLIS = 30_000;
    /** How long an idle sending thread is kept, so threads are not started per batch. */
    static final int THREAD_KEEP_ALIVE_MILLIS = 60_000;
    /** The longest line sent as 7bit; RFC 5322 allows 998 characters before CRLF. */
    static final int MAX_7BIT_LINE = 990;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail looks its StreamProvider up with a ServiceLoader (reading jar files) for
        // every body part it creates, unless this property names the class; that lookup took
        // about a sixth of the sender's CPU time.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final Mailer mailer;
    private final DkimConfig dkim;
    private final SuppressionList suppressions;

    public SmtpMailTransport(SmtpTarget target) {
        this(target, null, false, SuppressionList.empty());
    }

    /** Thrown for an email whose address is on the suppression list; it was not sent. */
    public static final class SuppressedException extends RuntimeException {
        public SuppressedException() {
            super("Not sent: the address is on the suppression list.");
        }
    }

    /**
     * Creates the transport. {@code dkim} is null for no signing. {@code trustAllHosts} skips
     * TLS certificate checks and exists for tests against a self-signed test server only.
     * Every email is checked against {@code suppressions} (in memory) before it is sent.
     */
    public SmtpMailTransport(SmtpTarget target, MailSettings.Dkim dkim, boolean trustAllHosts,
            SuppressionList suppressions) {
        this.suppressions = suppressions;
        TransportStrategy strategy = switch (target.security()) {
            case PLAIN -> TransportStrategy.SMTP;
            case STARTTLS_REQUIRED -> TransportStrategy.SMTP_TLS;
            case IMPLICIT_TLS -> TransportStrategy.SMTPS;
        };
        var builder = MailerBuilder
                .withSMTPServer(target.host(), target.port(), target.username(), target.password())
                .withTransportStrategy(strategy)
                .withSessionTimeout(TIMEOUT_MILLIS)
                .withThreadPoolSize(CONNECTIONS)
                .withThreadPoolKeepAliveTime(THREAD_KEEP_ALIVE_MILLIS)
                .withConnectionPoolCoreSize(0)
                .withConnectionPoolMaxSize(CONNECTIONS)
                .withConnectionPoolExpireAfterMillis(30_000)
                .clearEmailValidator();
        if (trustAllHosts) {
            builder.trustingAllHosts(true).verifyingServerIdentity(false);
        }
        this.mailer = builder.buildMailer();
        this.dkim = dkim == null ? null : DkimConfig.builder()
                .dkimPrivateKeyData(derKey(dkim.privateKey()))
                .dkimSigningDomain(dkim.domain())
                .dkimSelector(dkim.selector())
                .build();
    }

    @Override
    public CompletableFuture<Void> send(OutgoingEmail outgoing) {
        if (suppressions.contains(EmailAddress.keyOf(outgoing.toAddress()))) {
            return CompletableFuture.failedFuture(new SuppressedException());
        }
        EmailPopulatingBuilder builder = EmailBuilder.startingBlank()
                .from(outgoing.fromName(), outgoing.fromAddress())
                .to(outgoing.toName(), outgoing.toAddress())
                .withSubject(outgoing.subject())
                .withHTMLText(outgoing.html())
                .withPlainText(outgoing.text())
                .fixingMessageId(outgoing.messageId())
                .withContentTransferEncoding(transferEncoding(outgoing));
        for (Map.Entry<String, String> header : outgoing.headers().entrySet()) {
            builder.withHeader(header.getKey(), HeaderText.clean(header.getValue()));
        }
        if (outgoing.bounceAddress() != null) {
            builder.withBounceTo(outgoing.bounceAddress());
        }
        if (dkim != null) {
            // NOTE: simple-java-mail 8.12.6 fetches SELECTOR._domainkey.DOMAIN from DNS before
            // signing (cached) and fails the send when the published key does not match.
            builder.signWithDomainKey(dkim);
        }
        // NOTE: buildEmail() would scan the HTML with a regular expression for images to embed
        // from files, the class path or URLs, which Tendril never uses. Each scan took about a
        // tenth of the sender's CPU time in a JFR profile. The mailer copies the email through
        // buildEmail() once more before sending (simple-java-mail 8.12.6 has no way around it),
        // so the scan still runs once, and that copy also checks the DKIM settings.
        return mailer.sendMail(new InternalEmail(builder), true);
    }

    /**
     * Returns 7bit when both parts are printable ASCII in lines of at most {@link #MAX_7BIT_LINE}
     * characters, so they go out as written; quoted-printable otherwise. Quoted-printable
     * encoding byte by byte took about a fifth of the sender's CPU time.
     */
    static ContentTransferEncoding transferEncoding(OutgoingEmail email) {
        return is7bit(email.html()) && is7bit(email.text()) ? ContentTransferEncoding.BIT7
                : ContentTransferEncoding.QUOTED_PRINTABLE;
    }

    /** True for printable ASCII, tabs and line breaks, in lines no longer than RFC 5322's. */
    static boolean is7bit(String text) {
        if (text == null) {
            return true;
        }
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                line = 0;
            } else if ((c < 0x20 && c != '\t') || c > 0x7E || ++line > MAX_7BIT_LINE) {
                return false;
            }
        }
        return true;
    }

    /** Returns the DER bytes of a PKCS#8 key given as PEM or DER. */
    static byte[] derKey(byte[] key) {
        String text = new String(key, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return key;
        }
        String base64 = text.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    @Override
    public void close() {
        try {
            mailer.shutdownConnectionPool().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("SMTP connection pool did not shut down cleanly", e);
        }
    }
}
