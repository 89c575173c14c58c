package io.tendril.delivery;

import java.util.concurrent.CompletableFuture;

/** Sends emails; the due pass owns this interface so that its logic runs without SMTP. */
public interface MailTransport extends AutoCloseable {

    /** Sends {@code email}; the future fails with the SMTP error when the server rejects it. */
    CompletableFuture<Void> send(OutgoingEmail email);

    @Override
    void close();
}
