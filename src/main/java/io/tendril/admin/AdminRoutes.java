package io.tendril.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.tendril.delivery.DevInbox;
import io.tendril.http.ApiException;
import io.tendril.http.ErrorMapper;
import io.tendril.http.Pages;
import io.tendril.http.Params;
import io.tendril.imports.ImportOptions;
import io.tendril.imports.ImportRoutes;
import io.tendril.imports.ImportService;
import io.tendril.lead.LeadExport;
import io.tendril.lead.LeadService;
import io.tendril.report.ReportPage;
import io.tendril.report.ReportService;
import io.tendril.suppression.Guardrail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marketer pages under {@code /admin}: session-cookie login, CSRF-checked posts, the lead
 * pages (through {@link LeadPages}), CSV imports, reports and the development inbox.
 */
public final class AdminRoutes {

    static final String SESSION_COOKIE = "tendril_session";

    private final AuthService auth;
    private final LeadService leads;
    private final LeadPageService leadPages;
    private final DevInbox inbox;
    private final Pages pages;
    private final Guardrail guardrail;
    private final ImportService imports;
    private final boolean secureCookies;
    private final LeadExport export;
    private final ReportService reports;
    private final Clock clock;

    public AdminRoutes(AuthService auth, LeadService leads, LeadPageService leadPages,
            DevInbox inbox, Guardrail guardrail, ImportService imports, Pages pages,
            String baseUrl, LeadExport export, ReportService reports, Clock clock) {
        this.auth = auth;
        this.leads = leads;
        this.imports = imports;
        this.leadPages = leadPages;
        this.inbox = inbox;
        this.guardrail = guardrail;
        this.pages = pages;
        this.secureCookies = baseUrl.startsWith("https://");
        this.export = export;
        this.reports = reports;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        AdminErrorPage errorPage = new AdminErrorPage(this, auth, pages);
        routes.before("/admin", ctx -> ErrorMapper.useSectionPage(ctx, errorPage));
        routes.before("/admin/*", ctx -> ErrorMapper.useSectionPage(ctx, errorPage));
        routes.get("/admin/login", ctx -> renderLogin(ctx, null, ""));
        routes.post("/admin/login", this::login);
        routes.post("/admin/logout", this::logout);
        routes.get("/admin", ctx -> ctx.redirect("/admin/leads"));
        new LeadPages(this, leads, leadPages, export, pages).register(routes);
        routes.get("/admin/imports", this::importsPage);
        routes.post("/admin/imports", this::importFile);
        routes.get("/admin/outbox", this::outboxPage);
        routes.get("/admin/reports", this::reportsPage);
        routes.post("/admin/alerts/{id}/dismiss", this::dismissAlert);
        routes.get("/admin/outbox/{id}", this::outboxMessage);
    }

    private void renderLogin(Context ctx, String error, String email) {
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> scope = new HashMap<>();
        scope.put("error", error);
        scope.put("email", email);
        scope.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next")
                : ctx.formParam("next")));
        ctx.html(pages.render("admin/login", scope));
    }

    private void login(Context ctx) {
        requireSameOrigin(ctx);
        String email = ctx.formParam("email");
        String password = ctx.formParam("password");
        Optional<User> user;
        try {
            user = email == null || password == null ? Optional.empty()
                    : auth.checkPassword(email, password, ctx.ip());
        } catch (ApiException e) {
            if (e.status() != 429) {
                throw e;
            }
            ctx.status(429);
            renderLogin(ctx, e.getMessage(), email);
            return;
        }
        if (user.isEmpty()) {
            ctx.status(401);
            renderLogin(ctx, "Wrong email or password.", email == null ? "" : email);
            return;
        }
        Cookie cookie = new Cookie(SESSION_COOKIE, auth.startSession(user.get()));
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookies);
        cookie.setSameSite(SameSite.LAX);
        cookie.setPath("/admin");
        cookie.setMaxAge((int) AuthService.SESSION_LIFETIME.toSeconds());
        ctx.cookie(cookie);
        ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Optional<AccessDao.Session> session = auth.findSession(ctx.cookie(SESSION_COOKIE));
        if (session.isPresent() && session.get().csrfToken().equals(ctx.formParam("csrf"))) {
            auth.endSession(ctx.cookie(SESSION_COOKIE));
        }
        ctx.removeCookie(SESSION_COOKIE, "/admin");
        ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
    }

    private void reportsPage(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = layout(session.get(), "reports");
        scope.putAll(ReportPage.scope(reports, ctx.queryParam("from"), ctx.queryParam("to"),
                clock));
        ctx.html(pages.render("admin/reports", scope));
    }

    private void dismissAlert(Context ctx) {
        Optional<AccessDao.Session> session = postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        guardrail.resolve(Params.id(ctx, "Alert"));
        ctx.redirect("/admin/leads", HttpStatus.SEE_OTHER);
    }

    /** Shows the upload form, the past imports and, with {@code ?id=}, that import's outcome. */
    private void importsPage(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = layout(session.get(), "imports");
        Long id = Params.queryId(ctx, "id", "Must be an import id.");
        if (id != null) {
            ImportPage.putResult(scope, imports.get(id));
        }
        ImportPage.putHistory(scope, imports.list(null, 50));
        ctx.html(pages.render("admin/imports", scope));
    }

    /**
     * Imports the uploaded file and shows its outcome, or shows what was wrong with it, with
     * the status the API would return, because nothing was imported.
     */
    private void importFile(Context ctx) {
        Optional<AccessDao.Session> session = postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id;
        try {
            ImportRoutes.Upload upload = ImportRoutes.Upload.of(ctx);
            ImportOptions options = ImportOptions.parse(upload.fileName(), upload.parameters());
            try (InputStream body = upload.body()) {
                id = (long) imports.importCsv(body, options, session.get().userId()).get("id");
            }
        } catch (ApiException e) {
            Map<String, Object> scope = layout(session.get(), "imports");
            ImportPage.putFailure(scope, e);
            ImportPage.putHistory(scope, imports.list(null, 50));
            ctx.status(e.status()).html(pages.render("admin/imports", scope));
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.redirect("/admin/imports?id=" + id, HttpStatus.SEE_OTHER);
    }

    private void outboxPage(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = layout(session.get(), "outbox");
        scope.put("enabled", inbox != null);
        List<DevInbox.Received> received = inbox == null ? List.of()
                : inbox.messages(100);
        var messages = received.stream().map(AdminRoutes::outboxRow).toList();
        scope.put("messages", messages);
        scope.put("hasMessages", !messages.isEmpty());
        ctx.html(pages.render("admin/outbox", scope));
    }

    /** Returns one row of the outbox page: the email's fields, its sender and its headers. */
    private static Map<String, Object> outboxRow(DevInbox.Received message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", message.id());
        row.put("receivedAt", message.receivedAt());
        row.put("from", message.from());
        row.put("to", message.to());
        row.put("subject", message.subject());
        row.put("text", message.text());
        row.put("headers", message.headers().entrySet().stream()
                .map(header -> Map.of("name", header.getKey(), "value", header.getValue()))
                .toList());
        return row;
    }

    /** Shows one email's HTML in a sandbox: no scripts, no same-origin access to the admin. */
    private void outboxMessage(Context ctx) {
        if (session(ctx).isEmpty()) {
            return;
        }
        if (inbox == null) {
            throw ApiException.notFound("The development inbox");
        }
        int id;
        try {
            id = Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Email '" + ctx.pathParam("id") + "'");
        }
        DevInbox.Received message = inbox.message(id)
                .orElseThrow(() -> ApiException.notFound("Email " + id));
        ctx.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src * data:;"
                + " style-src 'unsafe-inline'");
        ctx.html(message.html() != null ? withoutOpenPixel(message.html())
                : "<pre>" + escape(message.text() == null ? "" : message.text()) + "</pre>");
    }

    /** Rejects a post whose CSRF token is not the session's. */
    private static void requireCsrf(AccessDao.Session session, Context ctx) {
        if (!session.csrfToken().equals(ctx.formParam("csrf"))) {
            throw ApiException.forbidden("The form expired; reload the page and try again.");
        }
    }

    /**
     * Returns the session of a signed-in form post after checking its CSRF token, or redirects
     * to the login page and returns empty.
     */
    public Optional<AccessDao.Session> postSession(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        session.ifPresent(signedIn -> requireCsrf(signedIn, ctx));
        return session;
    }

    /** Returns whether cookies must be Secure: the public base URL is https. */
    boolean secureCookies() {
        return secureCookies;
    }

    /** Returns the signed-in session, or redirects to the login page and returns empty. */
    public Optional<AccessDao.Session> session(Context ctx) {
        Optional<AccessDao.Session> session = auth.findSession(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            ctx.redirect("/admin/login?next=" + URLEncoder.encode(returnPage(ctx),
                    StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        }
        ctx.header("Cache-Control", "no-store");
        // The admin's buttons change data, so no other site may frame these pages.
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
        return session;
    }

    /**
     * Returns the page to come back to after signing in: the page itself for a GET, and for a
     * post that found its session expired the page the post came from, since the post's own
     * path accepts only posts.
     */
    private static String returnPage(Context ctx) {
        if (ctx.method().name().equals("GET")) {
            return ctx.path();
        }
        String referer = ctx.header("Referer");
        try {
            String path = referer == null ? null : URI.create(referer).getPath();
            return path == null ? "/admin/leads" : path;
        } catch (IllegalArgumentException e) {
            return "/admin/leads";
        }
    }

    /** Returns the scope every signed-in page shares, with the open deliverability alerts. */
    public Map<String, Object> layout(AccessDao.Session session, String current) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("alerts", guardrail.openAlerts());
        scope.put("user", Map.of("email", session.email()));
        scope.put("csrf", session.csrfToken());
        scope.put(current + "Current", true);
        return scope;
    }

    /** Returns {@code next} when it is an admin page of this site, else the lead list. */
    private static String safeNext(String next) {
        boolean adminPage = next != null && next.startsWith("/admin/") && !next.startsWith("//")
                && !next.contains("\\") && !next.startsWith("/admin/login");
        return adminPage ? next : "/admin/leads";
    }

    /** Rejects a cross-site post; the login form has no session yet to carry a CSRF token. */
    private static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return;
        }
        String host = ctx.header("Host");
        String originHost = URI.create(origin).getAuthority();
        if (host == null || !host.equalsIgnoreCase(originHost)) {
            throw ApiException.forbidden("Cross-site login attempt from " + origin + ".");
        }
    }

    /** Removes the open pixel, so that reading an email here records no open for the lead. */
    private static String withoutOpenPixel(String html) {
        Document document = Jsoup.parse(html);
        document.select("img[src*=/t/o/]").remove();
        return document.outerHtml();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
