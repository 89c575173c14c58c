package io.tendril.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of outgoing mail and of the feedback loop: postal address, bounce domain, DKIM key,
 * feedback mailbox, webhook secret, bounce and complaint guardrails.
 *
 * <p>{@code postalAddress}, {@code bounceDomain}, {@code dkim}, {@code feedbackMailbox},
 * {@code webhookSecret} and {@code alertWebhookUrl} are null when not configured.
 */
public record MailSettings(
        String postalAddress,
        String bounceDomain,
        Dkim dkim,
        URI feedbackMailbox,
        int feedbackPollSeconds,
        String webhookSecret,
        int softBounceLimit,
        double bounceRateLimit,
        double complaintRateLimit,
        int guardrailMinSends,
        String alertWebhookUrl,
        boolean utmAuto) {

    static final int MAX_POSTAL_ADDRESS = 300;
    static final int MIN_WEBHOOK_SECRET = 16;
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern SELECTOR = Pattern.compile("(?i)[a-z0-9]([a-z0-9._-]*[a-z0-9])?");

    /** A DKIM private key (PKCS#8, PEM or DER) with its signing domain and selector. */
    public record Dkim(byte[] privateKey, String domain, String selector) {
        @Override
        public String toString() {
            return "DKIM " + selector + "._domainkey." + domain;
        }
    }

    /** Returns the defaults: no postal address, no bounce domain, no DKIM, no feedback mailbox. */
    public static MailSettings defaults() {
        return new MailSettings(null, null, null, null, 60, null, 3, 0.05, 0.001, 200, null,
                false);
    }

    /** Parses the mail variables of {@code env}; adds one line per invalid variable. */
    static MailSettings parse(Map<String, String> env, Sender sender, List<String> problems) {
        MailSettings d = defaults();
        String postal = postalAddress(value(env, "TENDRIL_POSTAL_ADDRESS"), problems);
        String bounceDomain = domain("TENDRIL_BOUNCE_DOMAIN", value(env, "TENDRIL_BOUNCE_DOMAIN"),
                problems);
        Dkim dkim = dkim(env, sender, problems);

        URI mailbox = mailbox(value(env, "TENDRIL_FEEDBACK_MAILBOX_URL"), problems);
        int poll = integer(env, "TENDRIL_FEEDBACK_POLL_SECONDS", d.feedbackPollSeconds, 1, 86_400,
                problems);
        String secret = value(env, "TENDRIL_WEBHOOK_SECRET");
        if (secret != null && (secret.length() < MIN_WEBHOOK_SECRET
                || !secret.matches("[A-Za-z0-9._~-]+"))) {
            problems.add("TENDRIL_WEBHOOK_SECRET: use at least " + MIN_WEBHOOK_SECRET
                    + " characters from A-Z, a-z, 0-9 and . _ ~ - (it appears in webhook URLs).");
            secret = null;
        }

        int softLimit = integer(env, "TENDRIL_SOFT_BOUNCE_LIMIT", d.softBounceLimit, 1, 1000,
                problems);
        double bounceRate = rate(env, "TENDRIL_BOUNCE_RATE_LIMIT", d.bounceRateLimit, problems);
        double complaintRate = rate(env, "TENDRIL_COMPLAINT_RATE_LIMIT", d.complaintRateLimit,
                problems);
        int minSends = integer(env, "TENDRIL_GUARDRAIL_MIN_SENDS", d.guardrailMinSends, 1,
                10_000_000, problems);
        String alertUrl = alertUrl(value(env, "TENDRIL_ALERT_WEBHOOK_URL"), problems);

        boolean utm = switch (String.valueOf(value(env, "TENDRIL_UTM_AUTO"))
                .toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "null" -> false;
            default -> {
                problems.add("TENDRIL_UTM_AUTO: '" + env.get("TENDRIL_UTM_AUTO")
                        + "' is not a boolean; use true or false.");
                yield false;
            }
        };
        return new MailSettings(postal, bounceDomain, dkim, mailbox, poll, secret, softLimit,
                bounceRate, complaintRate, minSends, alertUrl, utm);
    }

    @Override
    public String toString() {
        return "MailSettings[postalAddress=" + (postalAddress == null ? "unset" : "set")
                + ", bounceDomain=" + bounceDomain + ", dkim=" + dkim
                + ", feedbackMailbox=" + (feedbackMailbox == null ? "unset"
                        : feedbackMailbox.getScheme() + "://***@" + feedbackMailbox.getHost())
                + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***")
                + ", softBounceLimit=" + softBounceLimit + ", bounceRateLimit=" + bounceRateLimit
                + ", complaintRateLimit=" + complaintRateLimit + ", guardrailMinSends="
                + guardrailMinSends + ", alertWebhook=" + (alertWebhookUrl == null ? "unset"
                        : "set") + ", utmAuto=" + utmAuto + "]";
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String postalAddress(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > MAX_POSTAL_ADDRESS || raw.chars().anyMatch(Character::isISOControl)) {
            problems.add("TENDRIL_POSTAL_ADDRESS: use one line of at most " + MAX_POSTAL_ADDRESS
                    + " characters, such as 'Acme Ltd, 1 Main St, Springfield, USA'.");
            return null;
        }
        return raw;
    }

    private static String domain(String name, String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        if (!DOMAIN.matcher(raw).matches() || raw.length() > 253) {
            problems.add(name + ": '" + raw + "' is not a domain name such as"
                    + " bounces.example.com.");
            return null;
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static Dkim dkim(Map<String, String> env, Sender sender, List<String> problems) {
        String keyPath = value(env, "TENDRIL_DKIM_PRIVATE_KEY");
        String selector = value(env, "TENDRIL_DKIM_SELECTOR");
        String domain = domain("TENDRIL_DKIM_DOMAIN", value(env, "TENDRIL_DKIM_DOMAIN"), problems);
        if (keyPath == null) {
            if (selector != null) {
                problems.add("TENDRIL_DKIM_PRIVATE_KEY: missing; it is required when"
                        + " TENDRIL_DKIM_SELECTOR is set.");
            }
            return null;
        }
        // The key file is read before the selector is checked, so that one start lists both.
        byte[] key = null;
        try {
            key = Files.readAllBytes(Path.of(keyPath));
        } catch (IOException | InvalidPathException e) {
            problems.add("TENDRIL_DKIM_PRIVATE_KEY: the file '" + keyPath + "' cannot be read ("
                    + e.getClass().getSimpleName() + "); give the path of a PKCS#8 key file.");
        }
        if (selector == null || !SELECTOR.matcher(selector).matches()) {
            problems.add("TENDRIL_DKIM_SELECTOR: missing or invalid; set the selector of the"
                    + " DNS record SELECTOR._domainkey.DOMAIN, such as tendril.");
            return null;
        }
        if (key == null) {
            return null;
        }
        String signingDomain = domain != null ? domain
                : sender == null ? null : sender.domain().toLowerCase(Locale.ROOT);
        if (signingDomain == null) {
            return null;
        }
        return new Dkim(key, signingDomain, selector);
    }

    private static URI mailbox(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (List.of("imap", "imaps", "pop3", "pop3s").contains(scheme)
                    && uri.getHost() != null && uri.getRawUserInfo() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below without the value, which contains a password.
        }
        problems.add("TENDRIL_FEEDBACK_MAILBOX_URL: not a mailbox URL; expected"
                + " imaps://user:password@host:port/FOLDER (or imap, pop3, pop3s).");
        return null;
    }

    private static String alertUrl(String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        problems.add("TENDRIL_ALERT_WEBHOOK_URL: not an absolute http(s) URL.");
        return null;
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min,
            int max, List<String> problems) {
        String raw = value(env, name);
        if (raw == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(raw);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problems.add(name + ": '" + raw + "' is not a whole number from " + min + " to " + max
                + ".");
        return fallback;
    }

    private static double rate(Map<String, String> env, String name, double fallback,
            List<String> problems) {
        String raw = value(env, name);
        if (raw == null) {
            return fallback;
        }
        try {
            String number = raw.endsWith("%") ? raw.substring(0, raw.length() - 1).strip() : raw;
            double parsed = Double.parseDouble(number) / (raw.endsWith("%") ? 100 : 1);
            if (parsed > 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        problems.add(name + ": '" + raw + "' is not a rate; use a fraction such as 0.05 or a"
                + " percentage such as 5%.");
        return fallback;
    }
}
