package io.tendril.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Rewrites the http(s) links of an email's HTML to tracked links and adds the open pixel, using
 * an HTML parser. Other schemes (mailto:, tel:), in-page anchors, links marked
 * {@code data-notrack} and the unsubscribe link stay as written.
 */
public final class LinkRewriter {

    /** The HTML with tracked links, and the original URLs in link-index order. */
    public record Rewritten(String html, List<String> links) {
    }

    private LinkRewriter() {
    }

    /**
     * Rewrites {@code html}. {@code trackedUrl} returns the tracked URL for a link index;
     * {@code untracked} is a URL to leave alone (the unsubscribe link).
     */
    public static Rewritten rewrite(String html, IntFunction<String> trackedUrl, String untracked,
            String pixelUrl) {
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        List<String> links = new ArrayList<>();
        for (Element anchor : document.select("a[href]")) {
            String href = anchor.attr("href");
            String lower = href.strip().toLowerCase(Locale.ROOT);
            boolean web = lower.startsWith("http://") || lower.startsWith("https://");
            if (!web || anchor.hasAttr("data-notrack") || href.equals(untracked)) {
                continue;
            }
            anchor.attr("href", trackedUrl.apply(links.size()));
            links.add(href.strip());
        }
        document.body().appendElement("img")
                .attr("src", pixelUrl)
                .attr("width", "1")
                .attr("height", "1")
                .attr("alt", "")
                .attr("style", "display:block;border:0;width:1px;height:1px");
        return new Rewritten(document.outerHtml(), links);
    }
}
