package io.tendril.delivery;

import io.tendril.config.SmtpTarget;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends through an SMTP server over a pool of reused connections (simple-java-mail). */
public final class SmtpMailTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailTransport.class);

    /** Parallel SMTP connections, and so parallel sends, per node. */
    public static final int CONNECTIONS = 4;
    private static final int TIMEOUT_MILLIS = 30_000;

    private final Mailer mailer;

    public SmtpMailTransport(SmtpTarget target) {
        TransportStrategy strategy = switch (target.security()) {
            case PLAIN -> TransportStrategy.SMTP;
            case STARTTLS_REQUIRED -> TransportStrategy.SMTP_TLS;
            case IMPLICIT_TLS -> TransportStrategy.SMTPS;
        };
        this.mailer = MailerBuilder
                .withSMTPServer(target.host(), target.port(), target.username(), target.password())
                .withTransportStrategy(strategy)
                .withSessionTimeout(TIMEOUT_MILLIS)
                .withThreadPoolSize(CONNECTIONS)
                .withConnectionPoolCoreSize(0)
                .withConnectionPoolMaxSize(CONNECTIONS)
                .withConnectionPoolExpireAfterMillis(30_000)
                .clearEmailValidator()
                .buildMailer();
    }

    @Override
    public CompletableFuture<Void> send(OutgoingEmail outgoing) {
        EmailPopulatingBuilder builder = EmailBuilder.startingBlank()
                .from(outgoing.fromName(), outgoing.fromAddress())
                .to(outgoing.toName(), outgoing.toAddress())
                .withSubject(outgoing.subject())
                .withHTMLText(outgoing.html())
                .withPlainText(outgoing.text())
                .fixingMessageId(outgoing.messageId());
        for (Map.Entry<String, String> header : outgoing.headers().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        Email email = builder.buildEmail();
        return mailer.sendMail(email, true);
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
