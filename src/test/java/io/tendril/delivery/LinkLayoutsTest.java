package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cached link layouts find exactly what jsoup finds: the same links, ranges, values and
 * pixel position, for the first email of a structure and for later ones with other values.
 */
class LinkLayoutsTest {

    private static final List<String> SAMPLES = List.of(
            "<!-- note --><p class=x>A &nbsp;<b>b</b><br/>"
                    + "<a  href=\"https://a.example/?x=1&amp;y=2\" style='c'>one</a>"
                    + "<a href='http://b.example/#f'>two</a><a href=HTTPS://c.example/>3</a>"
                    + "<A HREF=\"mailto:m@example.com\">m</A><a href=\"#top\">t</a>"
                    + "<a data-notrack href=\"https://d.example/\">d</a>"
                    + "<area href=\"https://e.example/\">",
            "<p>\r\nline\r\n</p>\r\n<a\r\n href=\"https://a.example/\">a</a>\r\n"
                    + "<a href=\"tel:1\">t</a>",
            "<html><body><p>x</p></body></html>\n",
            "<html><head><title><a href=\"https://t.example/\">no</a></title>"
                    + "<style>a[href=\"https://s.example/\"] {}</style></head><body>"
                    + "<a href=\"https://a.example/\">a</a></body></html>",
            "<table><tr><td><a href=\"https://a.example/\">1</a></td></tr>"
                    + "<a href=\"https://b.example/\">2</a></table>",
            "<a href=\"https://a.example/\"><p><a href=\"https://b.example/\">b</a></p>x</a>",
            "<b><a href=\"https://a.example/\">a<p>split</b>rest</a></p>",
            "<a href=\"https://a.example/\" href=\"https://b.example/\">dup</a>",
            "<a href>none</a><a href=\"\">empty</a><a href=>gt</a>",
            "<!--<a href=\"https://c.example/\">--><a href=\"https://a.example/&copy;x&lt\">a</a>"
                    + "<!----><!---><!-- a -- b --!><a href=\"https://b.example/\">b</a>",
            "<textarea><a href=\"https://x.example/\"></textarea><a href=\"https://a.example/\">",
            "<!DOCTYPE html><body>1 < 2 <a href='https://a.example/'>a</a></body><body></body>",
            "<p>no links at all</p>",
            "<p>x</p></body><a href=\"https://late.example/\">late</a></html>");

    @Test
    void samplesMatchJsoup() {
        for (String html : SAMPLES) {
            assertSameAsJsoup(html);
            assertSameAsJsoup(html.replace("example", "other-domain.example"));
        }
    }

    @Test
    void demoEmailMatchesJsoup() throws IOException {
        for (int step = 1; step <= 3; step++) {
            String html = demo(step, "Ada", "tok-" + step);
            assertSameAsJsoup(html);
            assertSameAsJsoup(demo(step, "Grace Brewster Hopper & Co", "other-token-" + step));
        }
    }

    @Test
    void demoEmailReusesLayout() throws IOException {
        LinkLayouts.find(demo(1, "Ada", "tok"));
        assertTrue(LinkLayouts.reusable(demo(1, "Bea", "other-token")));
    }

    @Test
    void randomDocumentsMatchJsoup() {
        List<String> parts = List.of("<a href=\"https://a.example/x?y=1&amp;z=2#f\">", "</a>",
                "<a href='http://b.example/'>", "<a href=https://c.example/>", "<area href=\"\">",
                "<a data-notrack href=\"https://d.example/\">", "<A HREF=\"mailto:x@example\">",
                "<table>", "</table>", "<tr>", "<td>", "</td>", "</tr>", "<p>", "</p>", "<b>",
                "</b>", "<i>", "</i>", "<div>", "</div>", "<br>", "<img src=\"x.example\">",
                "text example ", "  ", "\n", "&nbsp;", "&amp;", " < ", "<!-- c -->", "<!---->",
                "<title>t <a href=\"https://t.example/\"></title>", "<style>p{}</style>",
                "<body>", "</body>", "<html>", "</html>", "<head>", "</head>", "<li>", "<ul>",
                "</ul>", "<h1>", "</h1>", "<form>", "</form>", "<input type=hidden>",
                "<caption>", "<col>", "<tbody>", "<th>", "<font>", "</font>", "<!DOCTYPE html>",
                "<textarea>x</textarea>", "<button>", "</button>", "<nobr>", "<hr/>",
                "<a href=x/>", "<a href=\"https://e.example/\" / >", "</body >",
                "<a\thref\t=\t\"https://f.example/\">", "</ br>", "<p/>",
                "<a href=\"https://g.example/\"/>", "<xmp><a href=x></xmp>", "<iframe>",
                "</iframe>", "<noembed>", "</noembed>", "&#32;", "\u00a0", "<frameset>",
                "<!doctype html public \"-//W3C//DTD HTML 4.01 Transitional//EN\">", "<svg>",
                "<select>", "<option>", "<a href=\"https://h.example/\" HREF=x>", "</title>",
                "<title>", "<style>", "</style>", "<a href='https://i.example/?a=1&b=2&amp;c'>",
                "<a href=\"  https://j.example/  \">", "<html lang=en>", "<body class=x>",
                "<table><a href=\"https://k.example/\">", "<td><a href=https://l.example/>",
                "<dd>", "<dt>", "<pre>", "<listing>", "<marquee>", "<object>", "</object>",
                "<applet>", "<image src=x>", "<a name=x>", "<area>", "<map>", "</map>", "<s>");
        Random random = new Random(7);
        for (int i = 0; i < 1500; i++) {
            StringBuilder html = new StringBuilder();
            int count = 1 + random.nextInt(40);
            for (int j = 0; j < count; j++) {
                html.append(parts.get(random.nextInt(parts.size())));
            }
            assertSameAsJsoup(html.toString());
            assertSameAsJsoup(html.toString().replace("example", "other.example.test"));
        }
    }

    private static void assertSameAsJsoup(String html) {
        LinkRewriter.Found expected = LinkRewriter.parse(html);
        assertEquals(expected, LinkLayouts.find(html), html);
        assertEquals(expected, LinkLayouts.find(html), html);
    }

    private static String demo(int step, String name, String token) throws IOException {
        Map<String, Object> scope = new HashMap<>();
        scope.put("first_name", name);
        scope.put("name", name);
        scope.put("base_url", "https://tendril.example");
        scope.put("unsubscribe_url", "https://tendril.example/u/" + token);
        scope.put("preferences_url", "https://tendril.example/p/" + token);
        scope.put("sender", Map.of("name", "Acme & Sons"));
        scope.put("sequence", Map.of("name", "welcome"));
        scope.put("postal_address", "1 Main St");
        return new Renderer().renderHtml(template("welcome-" + step + ".html"), scope);
    }

    private static String template(String name) throws IOException {
        String path = "templates/demo/" + name + ".mustache";
        try (InputStream in = LinkLayoutsTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
