package io.tendril.config;

/** An SMTP server to send through, parsed from {@code TENDRIL_SMTP_URL}. */
public record SmtpTarget(
        String host, int port, String username, String password, Security security) {

    /** How the connection to the SMTP server is secured. */
    public enum Security {
        /** Plain SMTP, upgraded with STARTTLS when the server offers it. */
        PLAIN,
        /** STARTTLS required: the connection fails rather than send in the clear. */
        STARTTLS_REQUIRED,
        /** Implicit TLS from the first byte ({@code smtps://}). */
        IMPLICIT_TLS
    }

    /** Returns the target as {@code scheme://user:***@host:port}, safe for logs. */
    public String masked() {
        String scheme = security == Security.IMPLICIT_TLS ? "smtps" : "smtp";
        String user = username == null ? "" : username + (password == null ? "" : ":***") + "@";
        String query = security == Security.STARTTLS_REQUIRED ? "?starttls=required" : "";
        return scheme + "://" + user + host + ":" + port + query;
    }

    @Override
    public String toString() {
        return masked();
    }
}
