package io.tendril.delivery;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Reads the SMTP reply code out of a failed send. simple-java-mail wraps Angus Mail's
 * exceptions, and a rejected recipient sits in the chain of a {@code SendFailedException}, so
 * the whole cause chain is searched; a rejected recipient's reply wins over the reply to DATA
 * (an accepted recipient, SMTPAddressSucceededException, carries no failure).
 */
final class SmtpReply {

    private SmtpReply() {
    }

    /** Returns the reply code of {@code error}, or 0 when the failure carries no SMTP reply. */
    static int code(Throwable error) {
        int sendCode = 0;
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 400) {
                sendCode = send.getReturnCode();
            }
        }
        return sendCode;
    }

    /** Returns how a failure with reply {@code code} ends: deferred, rejected or failed. */
    static Outcome.Kind classify(int code) {
        if (code >= 400 && code < 500) {
            return Outcome.Kind.DEFERRED;
        }
        if (code >= 500 && code < 600) {
            return Outcome.Kind.REJECTED;
        }
        return Outcome.Kind.FAILED;
    }
}
