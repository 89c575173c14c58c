package io.tendril.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.parser.Parser;

/**
 * A one-pass tokenizer that finds what {@link LinkRewriter} needs in an email's HTML without
 * building a tree: the {@code href} of each {@code a} and {@code area} start tag with its
 * source range, and the position of each {@code </body>} tag. It also returns the document's
 * structure (tags, attribute names, comments and whether each text run is blank) as a
 * signature: HTML with the same signature parses into the same tree, so the order that jsoup
 * gave the links of one such document holds for all of them. Returns null for markup it does
 * not handle (scripts, selects, SVG, MathML, templates, NUL characters, unclosed tags), which
 * then goes to jsoup.
 */
final class LinkScan {

    /** Elements whose content the HTML tokenizer reads as text up to their end tag. */
    private static final Set<String> TEXT_ONLY = Set.of("style", "title", "textarea", "xmp",
            "iframe", "noembed", "noframes");
    /** Elements that switch parsing modes this scanner does not follow. */
    private static final Set<String> UNSUPPORTED = Set.of("script", "select", "svg", "math",
            "template", "plaintext", "frameset", "noscript");

    /** An {@code a} or {@code area} start tag: its href's value range (inside any quotes). */
    record Anchor(int start, int end, String href, boolean notrack) {
    }

    /** The scan of one document; {@code bodyEnds} are the start positions of body end tags. */
    record Result(String signature, List<Anchor> anchors, List<Integer> bodyEnds) {
    }

    private final String html;
    private final int length;
    private final StringBuilder signature;
    private final List<Anchor> anchors = new ArrayList<>();
    private final List<Integer> bodyEnds = new ArrayList<>();
    private int position;
    private int textStart = -1;

    private LinkScan(String html) {
        this.html = html;
        this.length = html.length();
        this.signature = new StringBuilder(html.length() / 8);
    }

    /** Returns the scan of {@code html}, or null when jsoup must parse it. */
    static Result scan(String html) {
        if (html.indexOf('\0') >= 0) {
            return null;
        }
        LinkScan scan = new LinkScan(html);
        return scan.run() ? new Result(scan.signature.toString(), scan.anchors, scan.bodyEnds)
                : null;
    }

    private boolean run() {
        while (position < length) {
            int open = html.indexOf('<', position);
            if (open < 0 || open + 1 >= length) {
                markText(position);
                position = length;
                break;
            }
            char next = html.charAt(open + 1);
            markText(position);
            if (isLetter(next)) {
                endText(open);
                position = open + 1;
                if (!startTag(open)) {
                    return false;
                }
            } else if (next == '/') {
                endText(open);
                if (!endTag(open)) {
                    return false;
                }
            } else if (next == '!' || next == '?') {
                endText(open);
                if (!markup(open)) {
                    return false;
                }
            } else {
                // A '<' that starts no tag is text.
                textStart = textStart < 0 ? open : textStart;
                position = open + 1;
            }
        }
        endText(length);
        return true;
    }

    private boolean startTag(int open) {
        String name = name();
        if (UNSUPPORTED.contains(name)) {
            return false;
        }
        signature.append('<').append(name);
        String href = null;
        int hrefStart = -1;
        int hrefEnd = -1;
        boolean notrack = false;
        boolean selfClosing = false;
        List<String> seen = new ArrayList<>(4);
        while (true) {
            skipSpace();
            if (position >= length) {
                return false;
            }
            char c = html.charAt(position);
            if (c == '>') {
                position++;
                break;
            }
            if (c == '/') {
                position++;
                if (position < length && html.charAt(position) == '>') {
                    signature.append('/');
                    selfClosing = true;
                    position++;
                    break;
                }
                continue;
            }
            int nameStart = position;
            position++;
            while (position < length && !isSpace(html.charAt(position))
                    && "/>=".indexOf(html.charAt(position)) < 0) {
                position++;
            }
            String attribute = html.substring(nameStart, position).toLowerCase(Locale.ROOT);
            if (attribute.indexOf('"') >= 0 || attribute.indexOf('\'') >= 0
                    || attribute.indexOf('<') >= 0 || attribute.indexOf('=') >= 0) {
                return false;
            }
            signature.append(' ').append(attribute);
            int valueStart = -1;
            int valueEnd = -1;
            skipSpace();
            if (position < length && html.charAt(position) == '=') {
                position++;
                skipSpace();
                valueStart = position;
                if (!value()) {
                    return false;
                }
                valueEnd = position;
            }
            if (attribute.equals("type") && valueStart >= 0) {
                // input type=hidden parses differently inside tables.
                signature.append('=').append(html, valueStart, valueEnd);
            } else if (valueStart >= 0) {
                signature.append('=');
            }
            if (seen.contains(attribute)) {
                continue;
            }
            seen.add(attribute);
            if (attribute.equals("href")) {
                boolean quoted = valueStart >= 0 && valueEnd > valueStart
                        && (html.charAt(valueStart) == '"' || html.charAt(valueStart) == '\'');
                hrefStart = quoted ? valueStart + 1 : valueStart;
                hrefEnd = quoted ? valueEnd - 1 : valueEnd;
                href = valueStart < 0 ? "" : decode(hrefStart, hrefEnd);
            } else if (attribute.equals("data-notrack")) {
                notrack = true;
            }
        }
        signature.append('>');
        if ((name.equals("a") || name.equals("area")) && href != null) {
            anchors.add(new Anchor(hrefStart, hrefEnd, href, notrack));
        }
        if (!TEXT_ONLY.contains(name)) {
            return true;
        }
        return !selfClosing && skipTextOnly(name);
    }

    /** Reads an attribute value, quoted or not; false at the end of the input. */
    private boolean value() {
        if (position >= length) {
            return false;
        }
        char quote = html.charAt(position);
        if (quote == '"' || quote == '\'') {
            int close = html.indexOf(quote, position + 1);
            if (close < 0) {
                return false;
            }
            position = close + 1;
            return true;
        }
        while (position < length && !isSpace(html.charAt(position))
                && html.charAt(position) != '>') {
            position++;
        }
        return position < length;
    }

    private String decode(int start, int end) {
        String raw = html.substring(start, end);
        if (raw.indexOf('&') < 0) {
            return raw;
        }
        // Query strings written with &amp; are the common case, and jsoup decodes the rest.
        return onlyAmpersandEntities(raw) ? raw.replace("&amp;", "&")
                : Parser.unescapeEntities(raw, true);
    }

    private static boolean onlyAmpersandEntities(String raw) {
        for (int i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', i + 1)) {
            if (!raw.startsWith("&amp;", i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips the content of a text-only element up to its end tag, which is then read. */
    private boolean skipTextOnly(String name) {
        int from = position;
        while (true) {
            int close = html.indexOf("</", from);
            if (close < 0 || close + 2 + name.length() > length) {
                return false;
            }
            if (html.regionMatches(true, close + 2, name, 0, name.length())) {
                int after = close + 2 + name.length();
                if (after < length && (isSpace(html.charAt(after))
                        || html.charAt(after) == '/' || html.charAt(after) == '>')) {
                    signature.append("#r");
                    position = close;
                    return true;
                }
            }
            from = close + 2;
        }
    }

    private boolean endTag(int open) {
        if (open + 2 >= length || !isLetter(html.charAt(open + 2))) {
            return false;
        }
        position = open + 2;
        String name = name();
        int close = html.indexOf('>', position);
        if (close < 0 || !endTagRestIsPlain(position, close)) {
            return false;
        }
        position = close + 1;
        signature.append("</").append(name).append('>');
        if (name.equals("body")) {
            bodyEnds.add(open);
        }
        return true;
    }

    /** True when an end tag carries no attribute whose quoted value could hide a '>'. */
    private boolean endTagRestIsPlain(int from, int close) {
        for (int i = from; i < close; i++) {
            char c = html.charAt(i);
            if (c == '"' || c == '\'' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** Reads a comment, a doctype, or another markup declaration. */
    private boolean markup(int open) {
        if (html.startsWith("<!--", open)) {
            int end = commentEnd(open + 4);
            if (end < 0) {
                return false;
            }
            signature.append("!c");
            position = end;
            return true;
        }
        int close = html.indexOf('>', open);
        if (close < 0) {
            return false;
        }
        if (html.regionMatches(true, open, "<!doctype", 0, 9)) {
            signature.append("!d").append(html, open + 9, close).append('>');
        } else {
            signature.append("!b");
        }
        position = close + 1;
        return true;
    }

    /** Returns the position after the comment that starts at {@code from}, or -1. */
    private int commentEnd(int from) {
        if (html.startsWith(">", from)) {
            return from + 1;
        }
        if (html.startsWith("->", from)) {
            return from + 2;
        }
        int at = from;
        while (true) {
            int dashes = html.indexOf("--", at);
            if (dashes < 0) {
                return -1;
            }
            int after = dashes + 2;
            while (after < length && html.charAt(after) == '-') {
                after++;
            }
            if (html.startsWith(">", after)) {
                return after + 1;
            }
            if (html.startsWith("!>", after)) {
                return after + 2;
            }
            at = dashes + 1;
        }
    }

    private String name() {
        int start = position;
        while (position < length && !isSpace(html.charAt(position))
                && html.charAt(position) != '/' && html.charAt(position) != '>') {
            position++;
        }
        return html.substring(start, position).toLowerCase(Locale.ROOT);
    }

    private void skipSpace() {
        while (position < length && isSpace(html.charAt(position))) {
            position++;
        }
    }

    private void markText(int from) {
        if (textStart < 0 && from < length) {
            textStart = from;
        }
    }

    /** Ends the text run before {@code end}: blank, blank with no-break spaces, or text. */
    private void endText(int end) {
        if (textStart < 0 || textStart >= end) {
            textStart = -1;
            return;
        }
        String text = html.substring(textStart, end);
        if (text.indexOf('&') >= 0) {
            text = Parser.unescapeEntities(text, false);
        }
        char kind = 'w';
        for (int i = 0; i < text.length() && kind != 't'; i++) {
            char c = text.charAt(i);
            if (c == '\u00A0') {
                kind = 'n';
            } else if (!isSpace(c)) {
                kind = 't';
            }
        }
        signature.append('#').append(kind);
        textStart = -1;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
