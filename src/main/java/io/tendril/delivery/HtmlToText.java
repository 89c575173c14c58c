package io.tendril.delivery;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Generates the text part of an email from its HTML: paragraphs and line breaks kept, list
 * items marked, each link written as {@code text (url)}, images, styles and scripts dropped.
 */
public final class HtmlToText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5",
            "h6", "table", "tr", "ul", "ol", "blockquote", "pre", "hr", "section", "article",
            "header", "footer");
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "img");

    private HtmlToText() {
    }

    /** Returns the text of {@code html}; never null, empty only for HTML without text. */
    public static String convert(String html) {
        StringBuilder out = new StringBuilder();
        append(Jsoup.parseBodyFragment(html).body(), out);
        return out.toString()
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static void append(Node node, StringBuilder out) {
        if (node instanceof TextNode text) {
            out.append(text.text().replaceAll("\\s+", " "));
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String tag = element.normalName();
        if (SKIPPED.contains(tag)) {
            return;
        }
        if (tag.equals("br")) {
            out.append('\n');
            return;
        }
        if (tag.equals("a")) {
            appendLink(element, out);
            return;
        }
        if (BLOCKS.contains(tag)) {
            out.append("\n\n");
        } else if (tag.equals("li")) {
            out.append("\n- ");
        } else if (tag.equals("td") || tag.equals("th")) {
            out.append(' ');
        }
        for (Node child : element.childNodes()) {
            append(child, out);
        }
        if (BLOCKS.contains(tag)) {
            out.append("\n\n");
        }
    }

    private static void appendLink(Element anchor, StringBuilder out) {
        String text = anchor.text().strip();
        String href = anchor.attr("href").strip();
        boolean showUrl = !href.isEmpty() && !href.startsWith("#") && !href.equals(text);
        String shown = href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
        if (text.isEmpty()) {
            out.append(shown);
        } else if (showUrl && !shown.equals(text)) {
            out.append(text).append(" (").append(shown).append(')');
        } else {
            out.append(text);
        }
    }
}
