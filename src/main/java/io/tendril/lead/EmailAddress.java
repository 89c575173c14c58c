package io.tendril.lead;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated email address. {@code address} is the address as typed, trimmed; {@code key} is the
 * dedupe key (local part lowercased, domain in lowercase punycode); {@code ascii} is the address
 * to send to, with the domain in punycode so that no SMTPUTF8 support is needed.
 */
public record EmailAddress(String address, String key, String ascii) {

    /** RFC 5321: a forward-path of 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    /** The dot-atom characters of RFC 5322 for an unquoted local part. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /**
     * Parses and validates {@code raw}.
     *
     * @throws InvalidEmailException with a message fit to show a visitor
     */
    public static EmailAddress parse(String raw) {
        if (raw == null || raw.strip().isEmpty()) {
            throw new InvalidEmailException("Enter an email address.");
        }
        String address = raw.strip();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
            throw new InvalidEmailException("Enter an email address like name@example.com.");
        }

        String local = address.substring(0, at);
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_LENGTH) {
            throw new InvalidEmailException(
                    "The part before @ is too long (at most " + MAX_LOCAL_LENGTH + " characters).");
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            throw new InvalidEmailException(
                    "The part before @ contains characters an email address cannot have.");
        }

        String asciiDomain = toAsciiDomain(address.substring(at + 1));
        String ascii = local + "@" + asciiDomain;
        if (ascii.length() > MAX_LENGTH) {
            throw new InvalidEmailException(
                    "The email address is too long (at most " + MAX_LENGTH + " characters).");
        }
        return new EmailAddress(address, keyOf(ascii), ascii);
    }

    /**
     * Returns the dedupe key of an address in the {@link #ascii()} form of a parsed address,
     * without parsing it again: its domain is already lowercase punycode, so the key is the
     * whole address lowercased.
     */
    public static String keyOf(String ascii) {
        return ascii.toLowerCase(Locale.ROOT);
    }

    private static String toAsciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(keepDeviations(domain), IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidEmailException("The domain after @ is not a valid domain name.");
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.length() > MAX_DOMAIN_LENGTH) {
            throw new InvalidEmailException("The domain after @ is too long.");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidEmailException("The domain after @ needs a dot, as in example.com.");
        }
        for (String label : labels) {
            if (label.length() > MAX_LABEL_LENGTH || !LABEL.matcher(label).matches()) {
                throw new InvalidEmailException("The domain after @ is not a valid domain name.");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidEmailException("The domain after @ is not a valid domain name.");
        }
        return ascii;
    }

    /**
     * Encodes each label with a sharp s or a final sigma as IDNA2008 does (lowercase, NFC,
     * Punycode) and leaves the other labels to {@link IDN}, whose IDNA2003 mapping would turn
     * {@code straße.de} into the different domain {@code strasse.de}.
     */
    private static String keepDeviations(String domain) {
        String[] labels = domain.replace('\u3002', '.').replace('\uFF0E', '.')
                .replace('\uFF61', '.').split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = Normalizer.normalize(labels[i].toLowerCase(Locale.ROOT),
                    Normalizer.Form.NFC);
            boolean deviation = label.indexOf('\u00DF') >= 0 || label.indexOf('\u03C2') >= 0;
            boolean letters = label.codePoints().allMatch(c -> c == '-'
                    || Character.isLetterOrDigit(c) || Character.getType(c)
                    == Character.NON_SPACING_MARK);
            if (deviation && !letters) {
                throw new InvalidEmailException("The domain after @ is not a valid domain name.");
            }
            if (deviation) {
                labels[i] = "xn--" + Punycode.encode(label);
            }
        }
        return String.join(".", labels);
    }

    /** A value that is not a usable email address; the message is fit to show a visitor. */
    public static final class InvalidEmailException extends IllegalArgumentException {
        public InvalidEmailException(String message) {
            super(message);
        }
    }
}
