package io.tendril.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void trimsAndLowercasesKey() {
        EmailAddress address = EmailAddress.parse("  Alice.Smith@Example.COM ");
        assertEquals("Alice.Smith@Example.COM", address.address());
        assertEquals("alice.smith@example.com", address.key());
    }

    @Test
    void plusAddressesStayDistinct() {
        assertNotEquals(EmailAddress.parse("ann+news@example.com").key(),
                EmailAddress.parse("ann@example.com").key());
    }

    @Test
    void internationalDomainMatchesPunycode() {
        EmailAddress unicode = EmailAddress.parse("info@Bücher.example");
        EmailAddress ascii = EmailAddress.parse("info@xn--bcher-kva.example");
        assertEquals(ascii.key(), unicode.key());
        assertEquals("info@xn--bcher-kva.example", unicode.ascii());
    }

    @Test
    void localPartOf64IsAccepted() {
        String local = "a".repeat(64);
        assertEquals(local + "@example.com", EmailAddress.parse(local + "@example.com").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "plain", "@example.com", "ann@", "ann@@example.com",
        "ann@example", "ann@-example.com", "ann@example..com", "a b@example.com",
        "ann.@example.com", ".ann@example.com", "ann@example.123",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
        "Eve\r\nBcc: victim@example.org"})
    void invalidAddressesAreRejected(String raw) {
        assertThrows(EmailAddress.InvalidEmailException.class, () -> EmailAddress.parse(raw));
    }

    @Test
    void overallLengthLimitIs254() {
        String local = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertEquals(254, EmailAddress.parse(local + "@" + domain).ascii().length());
        assertThrows(EmailAddress.InvalidEmailException.class,
                () -> EmailAddress.parse(local + "@" + "x" + domain));
    }

    @Test
    void sharpSKeepsItsOwnDomain() {
        EmailAddress unicode = EmailAddress.parse("info@Straße.de");
        assertEquals("info@xn--strae-oqa.de", unicode.key());
        assertEquals("info@xn--strae-oqa.de", unicode.ascii());
        assertNotEquals(EmailAddress.parse("info@strasse.de").key(), unicode.key());
        assertEquals(unicode.key(), EmailAddress.parse("info@xn--strae-oqa.de").key());
    }

    @Test
    void finalSigmaMatchesPunycode() {
        assertEquals("a@xn--wxaijb9b.gr", EmailAddress.parse("a@σόλος.gr").key());
    }

    @Test
    void decomposedDomainMatchesComposed() {
        assertEquals(EmailAddress.parse("info@b\u00fccher.example").key(),
                EmailAddress.parse("info@bu\u0308cher.example").key());
    }

    @Test
    void uppercaseUnicodeDomainMatches() {
        assertEquals("info@xn--bcher-kva.example", EmailAddress.parse("info@BÜCHER.example").key());
    }

    @Test
    void ideographicFullStopSeparatesLabels() {
        assertEquals("info@xn--bcher-kva.example",
                EmailAddress.parse("info@bücher\u3002example").key());
    }

    @Test
    void trailingDotIsDropped() {
        assertEquals("ann@example.com", EmailAddress.parse("ann@example.com.").key());
    }

    @Test
    void localPartCaseIsFoldedButPlusKept() {
        assertEquals("ann+news@example.com", EmailAddress.parse("Ann+News@example.com").key());
    }

    @Test
    void labelOf63IsAcceptedAnd64Rejected() {
        assertEquals("a@" + "b".repeat(63) + ".com",
                EmailAddress.parse("a@" + "b".repeat(63) + ".com").key());
        assertThrows(EmailAddress.InvalidEmailException.class,
                () -> EmailAddress.parse("a@" + "b".repeat(64) + ".com"));
    }

    @Test
    void punycodeLengthCountsTowardLimit() {
        String local = "a".repeat(64);
        String domain = "ü" + "b".repeat(54) + "." + "c".repeat(63) + "." + "d".repeat(59)
                + ".com";
        assertEquals(248, (local + "@" + domain).length());
        assertThrows(EmailAddress.InvalidEmailException.class,
                () -> EmailAddress.parse(local + "@" + domain));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"ann\"@example.com", "ann@exa_mple.com", "ann@[127.0.0.1]",
        "ann@1.2.3.4", "ann@ß☃.de", "ann@example.com\u0000", "ännchen@example.com"})
    void unsupportedFormsAreRejected(String raw) {
        assertThrows(EmailAddress.InvalidEmailException.class, () -> EmailAddress.parse(raw));
    }
}
