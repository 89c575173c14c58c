package io.tendril.tracking;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tendril.http.ApiException;
import io.tendril.http.HeadRequests;
import io.tendril.http.Pages;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The public links inside emails: open pixel, click redirect, unsubscribe. */
public final class TrackingRoutes {

    private static final Logger log = LoggerFactory.getLogger(TrackingRoutes.class);

    /** A transparent 1x1 GIF. */
    static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TrackingService tracking;
    private final EngagementTracker engagement;
    private final Pages pages;

    public TrackingRoutes(TrackingService tracking, EngagementTracker engagement, Pages pages) {
        this.tracking = tracking;
        this.engagement = engagement;
        this.pages = pages;
    }

    public void register(RoutesConfig routes) {
        routes.get("/t/o/{file}", this::open);
        routes.get("/t/c/{token}", this::click);
        routes.get("/u/{token}", testLinkOr(TokenSigner.Kind.UNSUBSCRIBE,
                this::unsubscribePage));
        routes.post("/u/{token}", testLinkOr(TokenSigner.Kind.UNSUBSCRIBE, this::unsubscribe));
        routes.get("/p/{token}", testLinkOr(TokenSigner.Kind.PREFERENCES,
                this::preferencesPage));
        routes.post("/p/{token}", testLinkOr(TokenSigner.Kind.PREFERENCES,
                this::updatePreferences));
    }

    /**
     * Renders a page saying so for a test send's unsubscribe or preferences link, and passes
     * any other link to {@code handler}.
     */
    private Handler testLinkOr(TokenSigner.Kind kind, Handler handler) {
        return ctx -> {
            if (tracking.isTestLink(kind, ctx.pathParam("token"))) {
                ctx.header("Cache-Control", "no-store");
                ctx.html(pages.render("pages/test-link", Map.of()));
                return;
            }
            handler.handle(ctx);
        };
    }

    /**
     * Always sends the GIF, even for a bad token or a failed write, so the email shows no broken
     * image. A failed write responds 503 with it, since a 2xx means the open was committed.
     */
    private void open(Context ctx) {
        String file = ctx.pathParam("file");
        String token = file.endsWith(".gif") ? file.substring(0, file.length() - 4) : file;
        try {
            if (!HeadRequests.isHead(ctx)) {
                engagement.recordOpen(token, ctx.header("User-Agent"));
            }
        } catch (EventWriteException e) {
            // The event writer logs each failed batch once, and counts timeouts.
            ctx.status(503);
        } catch (RuntimeException e) {
            log.error("Recording an open failed", e);
            ctx.status(503);
        }
        ctx.header("Cache-Control", "no-store, max-age=0");
        ctx.contentType("image/gif");
        // Written straight to the response: Javalin copies a ctx.result() through a new 8 KB
        // buffer per request, 40% of the bytes allocated in a JFR recording of opens.
        ctx.res().setContentLength(PIXEL.length);
        try {
            ctx.res().getOutputStream().write(PIXEL);
        } catch (IOException e) {
            // The client went away before the image was sent; the open is already recorded.
            log.debug("Sending the pixel failed: {}", e.toString());
        }
    }

    /** Redirects only once the click is committed. A failed write responds with a 500. */
    private void click(Context ctx) {
        Optional<String> url;
        try {
            url = HeadRequests.isHead(ctx) ? engagement.link(ctx.pathParam("token"))
                    : engagement.click(ctx.pathParam("token"), ctx.header("User-Agent"));
        } catch (EventWriteException e) {
            // The event writer logs each failed batch once, and counts timeouts, so the error
            // mapper must not log the failure again for every click.
            throw new ApiException(500, "internal_error", "Recording the click failed. Try the"
                    + " link again in a moment." + (e.errorId() == null ? ""
                            : " Quote error id " + e.errorId() + " when reporting it."),
                    e.errorId() == null ? null : Map.of("error_id", e.errorId()));
        }
        if (url.isEmpty()) {
            ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(302).header("Location", asciiUrl(url.get()));
    }

    private void unsubscribePage(Context ctx) {
        String token = ctx.pathParam("token");
        if (!tracking.isValidUnsubscribe(token)) {
            ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
            return;
        }
        ctx.header("Cache-Control", "no-store");
        String preferences = "/p/" + tracking.preferencesToken(token).orElseThrow();
        ctx.html(pages.render("pages/unsubscribe", Map.of("action", "/u/" + token,
                "preferences", preferences)));
    }

    /** RFC 8058 one-click and the page's button both land here; no cookie or body is needed. */
    private void unsubscribe(Context ctx) {
        if (!tracking.unsubscribe(ctx.pathParam("token"))) {
            ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.html(pages.render("pages/unsubscribed", Map.of()));
    }

    private void preferencesPage(Context ctx) {
        String token = ctx.pathParam("token");
        var sequences = tracking.preferences(token);
        if (sequences.isEmpty()) {
            ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.html(pages.render("pages/preferences", Map.of("action", "/p/" + token,
                "sequences", sequences.get(), "left", ctx.queryParam("left") != null)));
    }

    /**
     * Applies the preferences form: {@code all=1} unsubscribes from all mail and
     * {@code sequence_id} leaves one sequence. Anything else changes nothing and shows the page
     * again with a message, so that an empty or garbled post never unsubscribes anyone.
     */
    private void updatePreferences(Context ctx) {
        String token = ctx.pathParam("token");
        String all = ctx.formParam("all");
        String sequence = ctx.formParam("sequence_id");
        boolean everything = "1".equals(all);
        Long sequenceId = sequence != null && sequence.matches("[0-9]{1,18}")
                ? Long.valueOf(sequence) : null;
        if (!everything && (all != null || sequenceId == null)) {
            var sequences = tracking.preferences(token);
            if (sequences.isEmpty()) {
                ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
                return;
            }
            ctx.status(400).html(pages.render("pages/preferences", Map.of("action", "/p/" + token,
                    "sequences", sequences.get(), "left", false, "error", "Nothing changed:"
                            + " choose a series to stop, or unsubscribe from all emails.")));
            return;
        }
        boolean done = everything ? tracking.unsubscribeByPreferences(token)
                : tracking.leaveSequence(token, sequenceId);
        if (!done) {
            ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
            return;
        }
        ctx.header("Cache-Control", "no-store");
        if (everything) {
            ctx.html(pages.render("pages/unsubscribed", Map.of()));
            return;
        }
        ctx.redirect("/p/" + token + "?left=1", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * Returns {@code url} with every non-ASCII character percent-encoded as UTF-8, because a
     * Location header carries ASCII only (RFC 3986); everything else, including existing
     * escapes, the query and the fragment, stays as stored.
     */
    static String asciiUrl(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); ) {
            int codePoint = url.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80 && codePoint > 0x20) {
                out.append((char) codePoint);
                continue;
            }
            byte[] bytes = new String(Character.toChars(codePoint))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (byte b : bytes) {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
