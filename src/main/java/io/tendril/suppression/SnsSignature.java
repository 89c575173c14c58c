package io.tendril.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies the signature of an Amazon SNS message: SignatureVersion 1 (SHA1withRSA) or 2
 * (SHA256withRSA) over the canonical string of its fields, with the certificate named by
 * SigningCertURL, which must be an https URL on an {@code sns.REGION.amazonaws.com} host.
 * Certificates are fetched once per URL and kept.
 * NOTE: hosts of the China regions ({@code amazonaws.com.cn}) are not accepted, and the
 * TopicArn is not checked: any topic signed by SNS that knows the webhook secret is applied.
 */
public final class SnsSignature {

    private static final Pattern AMAZON_HOST = Pattern.compile(
            "sns\\.[a-z0-9-]+\\.amazonaws\\.com");
    private static final int MAX_CACHED = 100;
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId",
            "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId",
            "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final SnsCertificates certificates;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    /** Thrown for a message that is unsigned, badly signed or signed with an untrusted key. */
    public static final class InvalidException extends RuntimeException {
        InvalidException(String message) {
            super(message);
        }
    }

    public SnsSignature(SnsCertificates certificates) {
        this.certificates = certificates;
    }

    /** Checks the SNS signature of {@code message}; throws InvalidException when it is invalid. */
    public void verify(JsonNode message) {
        String type = text(message, "Type");
        List<String> fields = switch (type == null ? "" : type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> SUBSCRIPTION_FIELDS;
            default -> throw new InvalidException("Type '" + type + "' is not an SNS message"
                    + " type; expected Notification or SubscriptionConfirmation.");
        };
        String algorithm = switch (String.valueOf(text(message, "SignatureVersion"))) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new InvalidException("SignatureVersion '"
                    + text(message, "SignatureVersion") + "' is missing or unknown;"
                    + " expected 1 or 2.");
        };
        String signature = text(message, "Signature");
        if (signature == null || signature.isEmpty()) {
            throw new InvalidException("The SNS message is missing its Signature; only"
                    + " messages signed by Amazon SNS are accepted.");
        }

        X509Certificate certificate = certificate(text(message, "SigningCertURL"));
        if (!check(algorithm, certificate, canonical(message, fields), signature)) {
            throw new InvalidException("The SNS Signature does not match the message; it was"
                    + " changed after signing or not signed by SNS.");
        }
    }

    /** Returns true for an https URL on an {@code sns.REGION.amazonaws.com} host. */
    static boolean isAmazonCertificateUrl(URI url) {
        return url != null && "https".equalsIgnoreCase(url.getScheme())
                && url.getRawUserInfo() == null && url.getHost() != null
                && AMAZON_HOST.matcher(url.getHost().toLowerCase(Locale.ROOT)).matches()
                && (url.getPort() == -1 || url.getPort() == 443);
    }

    /** Returns the string SNS signs: each present field as name, newline, value, newline. */
    static String canonical(JsonNode message, List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            String value = text(message, field);
            if (value != null) {
                out.append(field).append('\n').append(value).append('\n');
            }
        }
        return out.toString();
    }

    private X509Certificate certificate(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (!isAmazonCertificateUrl(uri)) {
            throw new InvalidException("SigningCertURL must be an https URL on a"
                    + " sns.REGION.amazonaws.com host; the message names "
                    + (uri == null || uri.getHost() == null ? "none" : uri.getHost()) + ".");
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        X509Certificate certificate = cache.computeIfAbsent(uri, certificates::fetch);
        try {
            certificate.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new InvalidException("The SNS signing certificate is expired or not yet"
                    + " valid.");
        }
        return certificate;
    }

    private static boolean check(String algorithm, X509Certificate certificate, String canonical,
            String signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
