package io.tendril.suppression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs SNS messages the way Amazon SNS does, with a self-made test certificate and key
 * (src/test/resources/sns/), and serves that certificate while recording each fetch.
 */
final class SnsTestSigner implements SnsCertificates {

    static final String CERT_URL =
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem";

    private final X509Certificate certificate = HttpsSnsCertificates.parse(
            resource("sns/sns-test-certificate.pem"));
    private final PrivateKey key = privateKey(resource("sns/sns-test-key.pem"));
    final List<URI> fetched = new ArrayList<>();

    @Override
    public synchronized X509Certificate fetch(URI url) {
        fetched.add(url);
        return certificate;
    }

    /** Returns an SNS Notification envelope around {@code message}, signed with version 2. */
    ObjectNode notification(String message) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", "5c1b1a8e-test");
        envelope.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:ses-feedback");
        envelope.put("Subject", "Amazon SES Email Event Notification");
        envelope.put("Message", message);
        envelope.put("Timestamp", "2026-12-04T12:00:00.000Z");
        envelope.put("SignatureVersion", "2");
        envelope.put("SigningCertURL", CERT_URL);
        return sign(envelope);
    }

    /** Sets Signature over the canonical fields of {@code envelope}, by its SignatureVersion. */
    ObjectNode sign(ObjectNode envelope) {
        String type = envelope.get("Type").asText();
        List<String> fields = type.equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                        "TopicArn", "Type");
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            if (envelope.hasNonNull(field)) {
                canonical.append(field).append('\n').append(envelope.get(field).asText())
                        .append('\n');
            }
        }
        String algorithm = envelope.get("SignatureVersion").asText().equals("1")
                ? "SHA1withRSA" : "SHA256withRSA";
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            envelope.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            return envelope;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(byte[] pem) {
        String base64 = new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = SnsTestSigner.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
