package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Mailings;
import io.tendril.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DKIM signing with a configured key, checked against the public key of the pair. */
class DkimSigningTest {

    @TempDir
    Path dir;

    @Test
    void signatureVerifiesWithPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path keyFile = dir.resolve("dkim.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        // simple-java-mail 8.12.6 looks up the selector's DNS record before signing, except for a
        // From address ending in supersecret-testing-domain.com; using it keeps the test from
        // sending any DNS query off the machine.
        try (TestNode node = TestNode.start(Map.of("TENDRIL_DEMO", "false",
                "TENDRIL_MAIL_FROM", "Acme <team@supersecret-testing-domain.com>",
                "TENDRIL_DKIM_PRIVATE_KEY", keyFile.toString(),
                "TENDRIL_DKIM_SELECTOR", "tendril"))) {
            var jdbi = node.tendril().database().jdbi();
            Mailings.Sequence sequence = Mailings.sequence(jdbi, "Signed", "Grüße, {{name}} ✓",
                    "<p>Hallo {{name}}, <a href=\"https://example.com/a?b=1&amp;c=2\">hier</a></p>",
                    "");
            Mailings.enroll(jdbi, "signed@example.com", "Jürgen Ölmann", sequence.id());
            MimeMessage message = node.awaitEmails(1, Duration.ofSeconds(20))[0];

            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            Map<String, String> tags = DkimVerifier.verify(
                    raw.toString(StandardCharsets.ISO_8859_1), pair.getPublic());

            assertEquals("supersecret-testing-domain.com", tags.get("d"));
            assertEquals("tendril", tags.get("s"));
            assertTrue(tags.get("h").toLowerCase().contains("from"), tags.get("h"));
            assertTrue(tags.get("h").toLowerCase().contains("subject"), tags.get("h"));
        }
    }
}
