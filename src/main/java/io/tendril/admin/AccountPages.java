package io.tendril.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.tendril.config.Config;
import io.tendril.http.ApiException;
import io.tendril.http.Pages;
import io.tendril.http.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account page under {@code /admin/account}: the password and the API tokens. */
public final class AccountPages {

    private static final String NEW_TOKEN_COOKIE = "tendril_new_token";

    private final AdminRoutes admin;
    private final AuthService auth;
    private final Pages pages;

    public AccountPages(AdminRoutes admin, AuthService auth, Pages pages) {
        this.admin = admin;
        this.auth = auth;
        this.pages = pages;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/account", this::accountPage);
        routes.post("/admin/account", this::changePassword);
        routes.post("/admin/account/tokens", this::createToken);
        routes.post("/admin/account/tokens/{id}/revoke", this::revokeToken);
    }

    /** Renders the page, with the token created just before when the redirect carries one. */
    private void accountPage(Context ctx) {
        String token = ctx.cookie(NEW_TOKEN_COOKIE);
        if (token == null || !token.startsWith("tdl_")) {
            render(ctx, Map.of());
            return;
        }
        ctx.removeCookie(NEW_TOKEN_COOKIE, "/admin/account");
        render(ctx, Map.of("newToken", token));
    }

    private void render(Context ctx, Map<String, Object> outcome) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = admin.layout(session.get(), "account");
        scope.put("minLength", Config.MIN_PASSWORD_LENGTH);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (AccessDao.TokenInfo token : auth.tokens()) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", token.id());
            row.put("name", token.name().isEmpty() ? "(no name)" : token.name());
            row.put("owner", token.userEmail());
            row.put("createdAt", token.createdAt());
            row.put("lastUsedAt", token.lastUsedAt());
            row.put("revokedAt", token.revokedAt());
            tokens.add(row);
        }
        scope.put("tokens", tokens);
        scope.put("hasTokens", !tokens.isEmpty());
        scope.putAll(outcome);
        ctx.html(pages.render("admin/account", scope));
    }

    private void changePassword(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        Optional<String> problem;
        try {
            problem = auth.changePassword(session.get(), ctx.cookie(AdminRoutes.SESSION_COOKIE),
                    ctx.formParam("current"), ctx.formParam("password"),
                    ctx.formParam("repeat"), ctx.ip());
        } catch (ApiException e) {
            ctx.status(e.status());
            render(ctx, Map.of("error", e.getMessage()));
            return;
        }
        if (problem.isPresent()) {
            ctx.status(422);
            render(ctx, Map.of("error", problem.get()));
            return;
        }
        render(ctx, Map.of("changed", true));
    }

    /** Creates a token and shows it on the page, once; a reload does not show it again. */
    private void createToken(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        String token;
        try {
            token = auth.createToken(session.get().userId(), ctx.formParam("name"));
        } catch (ApiException e) {
            ctx.status(e.status());
            render(ctx, Map.of("tokenError", e.getMessage()));
            return;
        }
        // Shown once through a short-lived cookie after a redirect, so that reloading the page
        // does not post again and create a second token.
        Cookie shown = new Cookie(NEW_TOKEN_COOKIE, token);
        shown.setHttpOnly(true);
        shown.setSecure(admin.secureCookies());
        shown.setSameSite(SameSite.STRICT);
        shown.setPath("/admin/account");
        shown.setMaxAge(60);
        ctx.cookie(shown);
        ctx.redirect("/admin/account", HttpStatus.SEE_OTHER);
    }

    private void revokeToken(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        auth.revokeToken(Params.id(ctx, "API token"), session.get().userId());
        ctx.redirect("/admin/account", HttpStatus.SEE_OTHER);
    }
}
