package io.tendril.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * Rewrites the http(s) links of an email's HTML to tracked links and adds the open pixel. An HTML
 * parser (jsoup, with source positions) finds each {@code href}; only the bytes of the rewritten
 * attribute values change, so every other link and the rest of the markup stay byte-identical.
 * jsoup parses each document structure once; {@link LinkLayouts} reuses that parse for the
 * other emails of the same structure.
 * Other schemes (mailto:, tel:), in-page anchors, links marked {@code data-notrack} and the
 * unsubscribe and preferences links stay as written.
 */
public final class LinkRewriter {

    /** The HTML with tracked links, and the original URLs in link-index order. */
    public record Rewritten(String html, List<String> links) {
    }

    private record Edit(int start, int end, String replacement) {
    }

    /** A link's href: source range of its value (with quotes), value, data-notrack. */
    record FoundLink(int start, int end, String href, boolean notrack) {
    }

    /** The links of a document in document order, and the position of the open pixel. */
    record Found(List<FoundLink> links, int pixelPosition) {
    }

    private LinkRewriter() {
    }

    /**
     * Rewrites {@code html}. {@code trackedUrl} returns the tracked URL for a link index;
     * {@code untracked} lists URLs to leave alone (unsubscribe, preferences); {@code utm} adds
     * campaign parameters to each tracked target, or is null; {@code pixelUrl} is the open
     * pixel, or null for none.
     */
    public static Rewritten rewrite(String html, IntFunction<String> trackedUrl,
            Set<String> untracked, Utm utm, String pixelUrl) {
        Found found = LinkLayouts.find(html);
        List<String> links = new ArrayList<>();
        List<Edit> edits = new ArrayList<>();
        for (FoundLink link : found.links()) {
            String href = link.href().strip();
            if (!isWeb(href) || link.notrack() || untracked.contains(href)) {
                continue;
            }
            int start = link.start();
            int end = link.end();
            String tracked = trackedUrl.apply(links.size());
            if (end > start && (html.charAt(start) == '"' || html.charAt(start) == '\'')) {
                edits.add(new Edit(start + 1, end - 1, tracked));
            } else {
                edits.add(new Edit(start, end, tracked));
            }
            links.add(utm == null ? href : utm.appendTo(href));
        }
        if (pixelUrl != null) {
            edits.add(new Edit(found.pixelPosition(), -1, pixel(pixelUrl)));
        }
        return new Rewritten(apply(html, edits), links);
    }

    /**
     * Parses {@code html} with jsoup and returns its links in document order, those whose
     * href has a source range, and where the pixel goes.
     */
    static Found parse(String html) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        Document document = parser.parseInput(html, "");
        List<FoundLink> links = new ArrayList<>();
        for (Element anchor : document.select("a[href], area[href]")) {
            Range value = anchor.attributes().sourceRange("href").valueRange();
            if (value.isTracked()) {
                links.add(new FoundLink(value.startPos(), value.endPos(), anchor.attr("href"),
                        anchor.hasAttr("data-notrack")));
            }
        }
        return new Found(links, pixelPosition(document, html));
    }

    /** Returns true for an absolute http or https URL. */
    static boolean isWeb(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static int pixelPosition(Document document, String html) {
        Range end = document.body() == null ? null : document.body().endSourceRange();
        if (end != null && end.isTracked() && !end.isImplicit()
                && end.startPos() <= html.length()) {
            return end.startPos();
        }
        return html.length();
    }

    private static String pixel(String url) {
        return "<img src=\"" + url + "\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;border:0;width:1px;height:1px\">";
    }

    private static String apply(String html, List<Edit> edits) {
        edits.sort((a, b) -> Integer.compare(a.start(), b.start()));
        StringBuilder out = new StringBuilder(html.length() + edits.size() * 48);
        int position = 0;
        for (Edit edit : edits) {
            out.append(html, position, edit.start()).append(edit.replacement());
            position = edit.end() < 0 ? edit.start() : edit.end();
        }
        return out.append(html, position, html.length()).toString();
    }
}
