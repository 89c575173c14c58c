package io.tendril.capture;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Builds the landing part of a hosted form page: headline, body, image and the Open Graph
 * description. The body is HTML when it contains a tag, else plain text whose blank lines
 * separate paragraphs; either way it is cleaned to a safe subset of HTML (no scripts, no
 * styles, no event handlers).
 */
final class LandingView {

    /** The longest Open Graph description; link previews cut longer ones anyway. */
    private static final int MAX_DESCRIPTION = 200;

    private LandingView() {
    }

    /** Returns the landing scope, or null when the form has no landing content. */
    static Map<String, Object> of(Form form) {
        Form.Landing landing = form.landing() == null ? Form.Landing.EMPTY : form.landing();
        if (landing.headline() == null && landing.body() == null && landing.imageUrl() == null) {
            return null;
        }
        String html = landing.body() == null ? null : bodyHtml(landing.body());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("headline", landing.headline() == null ? form.name() : landing.headline());
        scope.put("bodyHtml", html);
        scope.put("imageUrl", landing.imageUrl());
        scope.put("description", html == null ? null : description(html));
        return scope;
    }

    private static String bodyHtml(String body) {
        if (!body.contains("<")) {
            StringBuilder html = new StringBuilder();
            for (String paragraph : body.strip().split("\\R\\s*\\R")) {
                html.append("<p>").append(org.jsoup.nodes.Entities.escape(paragraph.strip()))
                        .append("</p>");
            }
            return html.toString();
        }
        return Jsoup.clean(body, Safelist.relaxed().removeTags("img"));
    }

    private static String description(String html) {
        String text = Jsoup.parse(html).text();
        if (text.length() <= MAX_DESCRIPTION) {
            return text;
        }
        return text.substring(0, MAX_DESCRIPTION - 1).strip() + "…";
    }
}
