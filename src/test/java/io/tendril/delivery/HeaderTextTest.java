package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Header text never keeps a line break or another control character. */
class HeaderTextTest {

    @Test
    void lineBreaksBecomeOneSpace() {
        assertEquals("Eve Bcc: victim@example.org",
                HeaderText.clean("Eve\r\nBcc: victim@example.org"));
    }

    @Test
    void otherControlsAndSeparatorsRemoved() {
        assertEquals("a b c d", HeaderText.clean("a\u0000b\u0085c\u2028d\t"));
    }

    @Test
    void nullBecomesEmpty() {
        assertEquals("", HeaderText.clean(null));
    }
}
