package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** UTM parameters go before the fragment and never override the author's tagging. */
class UtmTest {

    private final Utm utm = new Utm("tendril", "email", "grün sale");

    @Test
    void appendsToExistingQuery() {
        assertEquals("https://a.example/p?x=1&utm_source=tendril&utm_medium=email"
                + "&utm_campaign=gr%C3%BCn+sale", utm.appendTo("https://a.example/p?x=1"));
    }

    @Test
    void addsPathBeforeHashRoute() {
        assertEquals("https://app.example.com/?utm_source=tendril&utm_medium=email"
                + "&utm_campaign=gr%C3%BCn+sale#/pricing",
                utm.appendTo("https://app.example.com/#/pricing"));
    }

    @Test
    void keepsAuthorsUtmParameters() {
        String url = "https://shop.example.com/p?utm_source=mail&utm_medium=email";
        assertEquals(url, utm.appendTo(url));
    }

    @Test
    void emptyQueryGetsNoExtraAmpersand() {
        assertEquals("https://a.example/p?utm_source=tendril&utm_medium=email"
                + "&utm_campaign=gr%C3%BCn+sale", utm.appendTo("https://a.example/p?"));
    }
}
