package io.tendril.suppression;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Fetches SNS signing certificates over https, from {@code sns.REGION.amazonaws.com} hosts only
 * (checked again here, before any connection), with a timeout and no redirects.
 */
public final class HttpsSnsCertificates implements SnsCertificates {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BYTES = 64 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    public X509Certificate fetch(URI url) {
        if (!SnsSignature.isAmazonCertificateUrl(url)) {
            throw new IllegalStateException("Refusing to fetch an SNS certificate from "
                    + url.getHost() + "; only https://sns.REGION.amazonaws.com is trusted.");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("Fetching the SNS certificate " + url
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted fetching the SNS certificate " + url, e);
        }
        if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
            throw new IllegalStateException("Fetching the SNS certificate " + url
                    + " answered HTTP " + response.statusCode() + " with "
                    + response.body().length + " bytes; expected 200 and one PEM certificate.");
        }
        return parse(response.body());
    }

    /** Parses one PEM or DER X.509 certificate. */
    static X509Certificate parse(byte[] bytes) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new IllegalStateException("The SNS certificate is not an X.509 certificate: "
                    + e.getMessage(), e);
        }
    }
}
