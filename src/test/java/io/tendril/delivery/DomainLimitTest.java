package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The recipient-domain counters' keys. */
class DomainLimitTest {

    @Test
    void domainIsLowercased() {
        assertEquals("domain:example.com", DomainLimit.scope("Ana@Example.COM"));
    }

    @Test
    void internationalisedDomainSharesThePunycodeCounter() {
        assertEquals(DomainLimit.scope("ana@xn--bcher-kva.example"),
                DomainLimit.scope("ana@bücher.example"));
    }

    @Test
    void lastAtSignSplitsTheAddress() {
        assertEquals("domain:example.org", DomainLimit.scope("\"a@b\"@example.org"));
    }
}
