package io.tendril.suppression;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * Where the signing certificates of Amazon SNS come from. {@link SnsSignature} calls it only
 * for an https URL on an {@code sns.REGION.amazonaws.com} host, and caches what it returns.
 */
@FunctionalInterface
public interface SnsCertificates {

    /** Returns the certificate at {@code url}; throws IllegalStateException when it cannot. */
    X509Certificate fetch(URI url);
}
