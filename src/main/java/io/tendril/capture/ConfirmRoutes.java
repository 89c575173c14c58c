package io.tendril.capture;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.Pages;
import java.util.Map;

/**
 * The double opt-in link. A GET only shows a page whose button POSTs, because mail scanners and
 * link previews follow every GET in an email; only the POST confirms.
 */
public final class ConfirmRoutes {

    private final Confirmations confirmations;
    private final Pages pages;

    public ConfirmRoutes(Confirmations confirmations, Pages pages) {
        this.confirmations = confirmations;
        this.pages = pages;
    }

    public void register(RoutesConfig routes) {
        routes.get("/confirm/{token}", this::page);
        routes.post("/confirm/{token}", this::confirm);
    }

    private void page(Context ctx) {
        String token = ctx.pathParam("token");
        if (answerUnusable(ctx, confirmations.check(token))) {
            return;
        }
        noStore(ctx);
        ctx.html(pages.render("pages/confirm", Map.of("action", "/confirm/" + token)));
    }

    private void confirm(Context ctx) {
        if (answerUnusable(ctx, confirmations.confirm(ctx.pathParam("token")))) {
            return;
        }
        noStore(ctx);
        ctx.html(pages.render("pages/confirmed", Map.of()));
    }

    /** Renders the page for an invalid (404) or expired (410) link; false for a valid one. */
    private boolean answerUnusable(Context ctx, Confirmations.LinkState state) {
        noStore(ctx);
        switch (state) {
            case INVALID -> ctx.status(404).html(pages.render("pages/link-invalid", Map.of()));
            case EXPIRED -> ctx.status(410).html(pages.render("pages/confirm-expired",
                    Map.of("days", Confirmations.LINK_LIFETIME.toDays())));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
