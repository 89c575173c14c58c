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
}
