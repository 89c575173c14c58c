package io.tendril.config;

/** A PostgreSQL server to connect to, parsed from {@code TENDRIL_DATABASE_URL}. */
public record DatabaseTarget(String jdbcUrl, String username, String password) {

    /** Returns the JDBC URL without credentials, safe for logs. */
    public String masked() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return masked() + (username == null ? "" : " as " + username);
    }
}
