package io.tendril.config;

import io.tendril.lead.EmailAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tendril's configuration, read once from the environment at start-up.
 *
 * <p>{@code baseUrl} is null when it follows the port the server listens on, {@code database} is
 * null when Tendril runs its embedded PostgreSQL, {@code smtp} is null when it runs the development
 * inbox, {@code secret} is null when the secret is generated and kept in the data directory, and
 * the admin fields are null when no admin was configured.
 */
public record Config(
        int port,
        String baseUrl,
        DatabaseTarget database,
        Path dataDir,
        SmtpTarget smtp,
        String secret,
        String adminEmail,
        String adminPassword,
        Sender mailFrom,
        boolean demo,
        MailSettings mail,
        boolean virtualThreads,
        SendRates sendRates) {

    static final int MIN_SECRET_LENGTH = 32;
    public static final int MIN_PASSWORD_LENGTH = 10;
    /** The first Java release whose virtual threads Jetty can run requests on. */
    static final int VIRTUAL_THREADS_JAVA = 21;
    /** The largest send rate accepted, for each period. */
    static final int MAX_SEND_RATE = 100_000_000;

    /**
     * Parses the configuration from environment variables.
     *
     * @throws ConfigException naming every invalid variable, so one start-up reports them all
     */
    public static Config fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();

        int port = parsePort(value(env, "TENDRIL_PORT"), problems);
        String baseUrl = parseBaseUrl(value(env, "TENDRIL_BASE_URL"), problems);
        DatabaseTarget database = parseDatabaseUrl(value(env, "TENDRIL_DATABASE_URL"), problems);
        Path dataDir = parseDataDir(value(env, "TENDRIL_DATA_DIR"), problems);
        SmtpTarget smtp = parseSmtpUrl(value(env, "TENDRIL_SMTP_URL"), problems);
        String secret = parseSecret(value(env, "TENDRIL_SECRET"), problems);

        String adminEmail = value(env, "TENDRIL_ADMIN_EMAIL");
        String adminPassword = value(env, "TENDRIL_ADMIN_PASSWORD");
        checkAdmin(adminEmail, adminPassword, problems);

        Sender mailFrom = parseMailFrom(value(env, "TENDRIL_MAIL_FROM"), problems);
        boolean demo = parseBoolean("TENDRIL_DEMO", value(env, "TENDRIL_DEMO"), database == null,
                problems);
        MailSettings mail = MailSettings.parse(env, mailFrom, problems);
        boolean virtualThreads = parseVirtualThreads(value(env, "TENDRIL_VIRTUAL_THREADS"),
                Runtime.version().feature(), problems);
        SendRates sendRates = new SendRates(
                parseSendRate("TENDRIL_SEND_RATE", env, "second", problems),
                parseSendRate("TENDRIL_SEND_RATE_PER_HOUR", env, "hour", problems),
                parseSendRate("TENDRIL_SEND_RATE_PER_DOMAIN", env,
                        "minute to one recipient domain", problems));

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(port, baseUrl, database, dataDir, smtp, secret,
                adminEmail == null ? null : adminEmail.strip(), adminPassword, mailFrom, demo,
                mail, virtualThreads, sendRates);
    }

    /** Returns true when Tendril starts its own PostgreSQL. */
    public boolean embeddedDatabase() {
        return database == null;
    }

    /** Returns true when Tendril delivers to its built-in development inbox. */
    public boolean developmentInbox() {
        return smtp == null;
    }

    @Override
    public String toString() {
        return "Config[port=" + port + ", baseUrl=" + (baseUrl == null ? "derived" : baseUrl)
                + ", database=" + (database == null ? "embedded" : database.masked())
                + ", dataDir=" + dataDir
                + ", smtp=" + (smtp == null ? "development inbox" : smtp.masked())
                + ", secret=" + (secret == null ? "generated" : "***")
                + ", adminEmail=" + (adminEmail == null ? "unset" : "set")
                + ", mailFrom=" + mailFrom + ", demo=" + demo + ", mail=" + mail
                + ", virtualThreads=" + virtualThreads
                + ", sendRates=" + sendRates + "]";
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static int parsePort(String raw, List<String> problems) {
        if (raw == null) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(raw.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problems.add("TENDRIL_PORT: '" + raw + "' is not a port number (0 to 65535).");
        return 0;
    }

    /** Returns a cluster-wide cap on emails sent per {@code period}; 0 means no cap. */
    private static int parseSendRate(String name, Map<String, String> env, String period,
            List<String> problems) {
        String raw = value(env, name);
        if (raw == null) {
            return 0;
        }
        try {
            int rate = Integer.parseInt(raw.strip());
            if (rate >= 0 && rate <= MAX_SEND_RATE) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problems.add(name + ": '" + raw + "' is not a number of emails per " + period
                + " (0 for no limit, at most " + MAX_SEND_RATE + ").");
        return 0;
    }

    private static String parseBaseUrl(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        String url = raw.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (web && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Reported below with the value.
        }
        problems.add("TENDRIL_BASE_URL: '" + raw + "' is not an absolute http(s) URL without"
                + " query or fragment, such as https://leads.example.com.");
        return null;
    }

    static DatabaseTarget parseDatabaseUrl(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        String url = raw.strip();
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseTarget(url, null, null);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if ((scheme.equals("postgres") || scheme.equals("postgresql")) && uri.getHost() != null
                    && path.length() > 1) {
                int port = uri.getPort() == -1 ? 5432 : uri.getPort();
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query;
                String[] credentials = userInfo(uri);
                return new DatabaseTarget(jdbc, credentials[0], credentials[1]);
            }
        } catch (URISyntaxException e) {
            // Reported below without the value, which may hold a password.
        }
        problems.add("TENDRIL_DATABASE_URL: not a PostgreSQL URL; expected"
                + " postgres://user:password@host:port/database or jdbc:postgresql://...");
        return null;
    }

    private static Path parseDataDir(String raw, List<String> problems) {
        try {
            return Path.of(raw == null ? "tendril-data" : raw.strip()).toAbsolutePath();
        } catch (InvalidPathException e) {
            problems.add("TENDRIL_DATA_DIR: '" + raw + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    static SmtpTarget parseSmtpUrl(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            boolean knownQuery = query.isEmpty() || query.equals("starttls=required");
            if ((scheme.equals("smtp") || scheme.equals("smtps")) && uri.getHost() != null
                    && knownQuery) {
                SmtpTarget.Security security = scheme.equals("smtps")
                        ? SmtpTarget.Security.IMPLICIT_TLS
                        : query.isEmpty()
                                ? SmtpTarget.Security.PLAIN
                                : SmtpTarget.Security.STARTTLS_REQUIRED;
                int defaultPort = scheme.equals("smtps") ? 465 : 25;
                int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
                String[] credentials = userInfo(uri);
                return new SmtpTarget(uri.getHost(), port, credentials[0], credentials[1],
                        security);
            }
        } catch (URISyntaxException e) {
            // Reported below without the value, which may hold a password.
        }
        problems.add("TENDRIL_SMTP_URL: not an SMTP URL; expected smtp://user:password@host:port,"
                + " smtps://... for implicit TLS, or smtp://...?starttls=required");
        return null;
    }

    private static String[] userInfo(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new String[] {null, null};
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? null : info.substring(colon + 1);
        return new String[] {decode(user), password == null ? null : decode(password)};
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String parseSecret(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        if (raw.length() < MIN_SECRET_LENGTH) {
            problems.add("TENDRIL_SECRET: too short (" + raw.length() + " characters); use at"
                    + " least " + MIN_SECRET_LENGTH + " random characters, or unset it to have"
                    + " one generated.");
            return null;
        }
        return raw;
    }

    private static void checkAdmin(String email, String password, List<String> problems) {
        if (email == null && password != null) {
            problems.add("TENDRIL_ADMIN_EMAIL: missing; it is required when"
                    + " TENDRIL_ADMIN_PASSWORD is set.");
        }
        if (email != null) {
            try {
                if (!isLocalhostAddress(email.strip())) {
                    EmailAddress.parse(email);
                }
            } catch (EmailAddress.InvalidEmailException e) {
                problems.add("TENDRIL_ADMIN_EMAIL: '" + email + "' is not a valid email address: "
                        + e.getMessage());
            }
            if (password == null) {
                problems.add("TENDRIL_ADMIN_PASSWORD: missing; it is required when"
                        + " TENDRIL_ADMIN_EMAIL is set.");
            }
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            problems.add("TENDRIL_ADMIN_PASSWORD: too short (" + password.length()
                    + " characters); use at least " + MIN_PASSWORD_LENGTH + ".");
        }
    }

    static Sender parseMailFrom(String raw, List<String> problems) {
        if (raw == null) {
            return new Sender("Tendril", "noreply@localhost");
        }
        String value = raw.strip();
        String name = "";
        String address = value;
        int open = value.lastIndexOf('<');
        if (open >= 0 && value.endsWith(">")) {
            name = value.substring(0, open).strip().replaceAll("^\"|\"$", "");
            address = value.substring(open + 1, value.length() - 1).strip();
        }
        if (!isLocalhostAddress(address)) {
            try {
                EmailAddress.parse(address);
            } catch (EmailAddress.InvalidEmailException e) {
                address = null;
            }
        }
        if (address == null || name.chars().anyMatch(Character::isISOControl)) {
            problems.add("TENDRIL_MAIL_FROM: '" + raw + "' is not a sender; expected"
                    + " Name <address@example.com> or address@example.com.");
            return null;
        }
        return new Sender(name, address);
    }

    /** Returns true for name@localhost, which sign-in and development senders may use. */
    private static boolean isLocalhostAddress(String address) {
        return address.matches("[A-Za-z0-9._%+-]+@localhost");
    }

    private static boolean parseBoolean(String name, String raw, boolean fallback,
            List<String> problems) {
        if (raw == null) {
            return fallback;
        }
        switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                problems.add(name + ": '" + raw + "' is not a boolean; use true or false.");
                return fallback;
        }
    }

    /**
     * Returns true when Jetty handles each request on a virtual thread. The default is virtual
     * threads on Java 21 and newer, which served more captures per second in the benchmark, and
     * platform threads before Java 21, which has no virtual threads.
     */
    static boolean parseVirtualThreads(String raw, int javaFeature, List<String> problems) {
        boolean available = javaFeature >= VIRTUAL_THREADS_JAVA;
        boolean virtual = parseBoolean("TENDRIL_VIRTUAL_THREADS", raw, available, problems);
        if (virtual && !available) {
            problems.add("TENDRIL_VIRTUAL_THREADS: virtual threads need Java "
                    + VIRTUAL_THREADS_JAVA + " or newer and this is Java " + javaFeature
                    + "; run a newer Java or unset the variable.");
            return false;
        }
        return virtual;
    }
}
