package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The generated text part keeps paragraphs, lists and links as text (url). */
class HtmlToTextTest {

    @Test
    void convertsBlocksListsAndLinks() {
        String html = "<style>p{}</style><h1>Hi  Ann</h1><p>Read <a href=\"https://a.example/"
                + "?x=1&amp;y=2\">the guide</a>.<br>Line two</p><ul><li>one</li><li>two</li>"
                + "</ul><p><a href=\"mailto:s@example.com\">s@example.com</a>"
                + " <a href=\"#top\">Top</a> <img src=\"x.gif\" alt=\"x\"></p>";
        assertEquals("Hi Ann\n\nRead the guide (https://a.example/?x=1&y=2).\nLine two\n\n"
                + "- one\n- two\n\ns@example.com Top", HtmlToText.convert(html));
    }

    @Test
    void emptyHtmlGivesEmptyText() {
        assertEquals("", HtmlToText.convert("<p> </p>"));
    }
}
