package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Link rewriting changes only the href values of web links and adds the pixel. */
class LinkRewriterTest {

    private static LinkRewriter.Rewritten rewrite(String html, Utm utm, String pixel) {
        return LinkRewriter.rewrite(html, index -> "T" + index, Set.of("https://u.example/u/1"),
                utm, pixel);
    }

    @Test
    void onlyWebHrefValuesChange() {
        String html = "<!-- note --><p class=x>A &nbsp;<b>b</b><br/>"
                + "<a  href=\"https://a.example/?x=1&amp;y=2\" style='c'>one</a>"
                + "<a href='http://b.example/#f'>two</a>"
                + "<a href=HTTPS://c.example/>three</a>"
                + "<A HREF=\"mailto:m@example.com\">m</A><a href=\"#top\">t</a>"
                + "<a href=\"https://u.example/u/1\">unsubscribe</a>"
                + "<a data-notrack href=\"https://d.example/\">d</a>"
                + "<area href=\"https://e.example/\">";
        LinkRewriter.Rewritten rewritten = rewrite(html, null, null);

        String expected = html.replace("https://a.example/?x=1&amp;y=2", "T0")
                .replace("http://b.example/#f", "T1").replace("HTTPS://c.example/", "T2")
                .replace("https://e.example/", "T3");
        assertEquals(expected, rewritten.html());
        assertEquals(List.of("https://a.example/?x=1&y=2", "http://b.example/#f",
                "HTTPS://c.example/", "https://e.example/"), rewritten.links());
    }

    @Test
    void crlfSourceKeepsPositions() {
        String html = "<p>\r\nline\r\n</p>\r\n<a\r\n href=\"https://a.example/\">a</a>\r\n"
                + "<a href=\"tel:1\">t</a>";
        assertEquals(html.replace("https://a.example/", "T0"), rewrite(html, null, null).html());
    }

    @Test
    void pixelGoesBeforeBodyEnd() {
        String html = "<html><body><p>x</p></body></html>\n";
        assertEquals("<html><body><p>x</p><img src=\"P\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;border:0;width:1px;height:1px\"></body></html>\n",
                rewrite(html, null, "P").html());
    }

    @Test
    void pixelAppendedWithoutBodyTag() {
        assertEquals("<p>x</p><img src=\"P\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;border:0;width:1px;height:1px\">",
                rewrite("<p>x</p>", null, "P").html());
    }

    @Test
    void utmTargetKeepsFragment() {
        LinkRewriter.Rewritten rewritten = rewrite("<a href=\"https://a.example/p#x\">a</a>",
                new Utm("tendril", "email", "spring"), null);
        assertEquals(List.of("https://a.example/p?utm_source=tendril&utm_medium=email"
                + "&utm_campaign=spring#x"), rewritten.links());
    }
}
