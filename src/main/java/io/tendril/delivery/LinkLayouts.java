package io.tendril.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the links of an email's HTML as jsoup would, parsing with jsoup only once per document
 * structure. The emails of one step differ only in their values (names, tokens, URLs), so
 * after the first email, {@link LinkScan} reads each one in one pass and the cached layout
 * says which of its anchors jsoup keeps, in which order, and where the pixel goes.
 */
final class LinkLayouts {

    private static final int MAX_CACHED = 1000;
    /** A structure whose jsoup parse did not match the scan: always parsed with jsoup. */
    private static final Layout JSOUP_ONLY = new Layout(new int[0], -2);
    private static final Map<String, Layout> CACHE = new ConcurrentHashMap<>();

    /**
     * The jsoup result of one structure: {@code order} lists, for each link jsoup returns, the
     * index of its anchor in the scan; {@code bodyEnd} is the index of the body end tag where
     * the pixel goes, or -1 for the end of the document.
     */
    private record Layout(int[] order, int bodyEnd) {
    }

    private LinkLayouts() {
    }

    /** Returns the links of {@code html} and the pixel position, exactly as jsoup finds them. */
    static LinkRewriter.Found find(String html) {
        LinkScan.Result scan = LinkScan.scan(html);
        if (scan == null) {
            return LinkRewriter.parse(html);
        }
        Layout layout = CACHE.get(scan.signature());
        if (layout == JSOUP_ONLY) {
            return LinkRewriter.parse(html);
        }
        if (layout != null) {
            return apply(layout, scan, html.length());
        }
        LinkRewriter.Found parsed = LinkRewriter.parse(html);
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        CACHE.put(scan.signature(), derive(scan, parsed, html.length()));
        return parsed;
    }

    /** Returns true when the links of {@code html} are found without jsoup now. */
    static boolean reusable(String html) {
        LinkScan.Result scan = LinkScan.scan(html);
        Layout layout = scan == null ? null : CACHE.get(scan.signature());
        return layout != null && layout != JSOUP_ONLY;
    }

    private static LinkRewriter.Found apply(Layout layout, LinkScan.Result scan, int length) {
        List<LinkRewriter.FoundLink> links = new ArrayList<>(layout.order().length);
        for (int index : layout.order()) {
            LinkScan.Anchor anchor = scan.anchors().get(index);
            links.add(new LinkRewriter.FoundLink(anchor.start(), anchor.end(), anchor.href(),
                    anchor.notrack()));
        }
        int pixel = layout.bodyEnd() < 0 ? length : scan.bodyEnds().get(layout.bodyEnd());
        return new LinkRewriter.Found(links, pixel);
    }

    /** Matches jsoup's result to the scan; any difference makes the structure jsoup-only. */
    private static Layout derive(LinkScan.Result scan, LinkRewriter.Found parsed, int length) {
        int[] order = new int[parsed.links().size()];
        for (int i = 0; i < order.length; i++) {
            LinkRewriter.FoundLink link = parsed.links().get(i);
            order[i] = -1;
            List<LinkScan.Anchor> anchors = scan.anchors();
            for (int j = 0; j < anchors.size() && order[i] < 0; j++) {
                LinkScan.Anchor anchor = anchors.get(j);
                if (anchor.start() == link.start() && anchor.end() == link.end()
                        && anchor.href().equals(link.href())
                        && anchor.notrack() == link.notrack()) {
                    order[i] = j;
                }
            }
            if (order[i] < 0) {
                return JSOUP_ONLY;
            }
        }
        int bodyEnd = scan.bodyEnds().indexOf(parsed.pixelPosition());
        if (bodyEnd < 0 && parsed.pixelPosition() != length) {
            return JSOUP_ONLY;
        }
        return new Layout(order, bodyEnd);
    }
}
