package io.tendril.suppression;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The SNS signature check against a self-made certificate: versions, fields, hosts. */
class SnsSignatureTest {

    private final SnsTestSigner signer = new SnsTestSigner();
    private final SnsSignature signature = new SnsSignature(signer);

    @Test
    void versionTwoNotificationVerifies() {
        assertDoesNotThrow(() -> signature.verify(signer.notification("{\"a\":1}")));
    }

    @Test
    void versionOneNotificationVerifies() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.put("SignatureVersion", "1");
        assertDoesNotThrow(() -> signature.verify(signer.sign(message)));
    }

    @Test
    void notificationWithoutSubjectVerifies() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.remove("Subject");
        assertDoesNotThrow(() -> signature.verify(signer.sign(message)));
    }

    @Test
    void subscriptionConfirmationVerifies() {
        ObjectNode message = signer.notification("You have chosen to subscribe.");
        message.put("Type", "SubscriptionConfirmation");
        message.remove("Subject");
        message.put("Token", "2336412f37");
        message.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Confirm");
        assertDoesNotThrow(() -> signature.verify(signer.sign(message)));
    }

    @Test
    void changedMessageIsRejected() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.put("Message", "{\"a\":2}");
        assertThrows(SnsSignature.InvalidException.class, () -> signature.verify(message));
    }

    @Test
    void versionSwapIsRejected() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.put("SignatureVersion", "1");
        assertThrows(SnsSignature.InvalidException.class, () -> signature.verify(message));
    }

    @Test
    void unsignedMessageIsRejected() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.remove("Signature");
        assertThrows(SnsSignature.InvalidException.class, () -> signature.verify(message));
    }

    @Test
    void foreignCertificateHostIsNotFetched() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com.evil.example/c.pem");
        assertThrows(SnsSignature.InvalidException.class, () -> signature.verify(message));
        assertTrue(signer.fetched.isEmpty());
    }

    @Test
    void plainHttpCertificateIsNotFetched() {
        ObjectNode message = signer.notification("{\"a\":1}");
        message.put("SigningCertURL", "http://sns.us-east-1.amazonaws.com/c.pem");
        assertThrows(SnsSignature.InvalidException.class, () -> signature.verify(message));
        assertTrue(signer.fetched.isEmpty());
    }

    @Test
    void certificateIsFetchedOnce() {
        signature.verify(signer.notification("{\"a\":1}"));
        signature.verify(signer.notification("{\"a\":2}"));
        assertEquals(1, signer.fetched.size());
    }

    @Test
    void productionSourceRefusesForeignHost() {
        assertThrows(IllegalStateException.class, () -> new HttpsSnsCertificates()
                .fetch(java.net.URI.create("https://127.0.0.1/c.pem")));
    }
}
