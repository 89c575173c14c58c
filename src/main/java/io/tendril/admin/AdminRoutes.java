package io.tendril.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.tendril.delivery.DevInbox;
import io.tendril.http.ApiException;
import io.tendril.http.Pages;
import io.tendril.http.Params;
import io.tendril.lead.Lead;
import io.tendril.lead.LeadService;
import io.tendril.report.ReportPage;
import io.tendril.report.ReportService;
import io.tendril.suppression.Guardrail;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marketer pages under {@code /admin}: session-cookie login, CSRF-checked posts, the lead
 * list and the development inbox.
 */
public final class AdminRoutes {

    static final String SESSION_COOKIE = "tendril_session";

    private final AuthService auth;
    private final LeadService leads;
    private final LeadPageService leadPages;
    private final DevInbox inbox;
    private final Pages pages;
    private final Guardrail guardrail;
    private final boolean secureCookies;
    private final ReportService reports;
    private final Clock clock;

    public AdminRoutes(AuthService auth, LeadService leads, LeadPageService leadPages,
            DevInbox inbox, Guardrail guardrail, Pages pages, String baseUrl,
            ReportService reports, Clock clock) {
        this.auth = auth;
        this.leads = leads;
        this.leadPages = leadPages;
        this.inbox = inbox;
        this.guardrail = guardrail;
        this.pages = pages;
        this.secureCookies = baseUrl.startsWith("https://");
        this.reports = reports;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/login", ctx -> renderLogin(ctx, null, ""));
        routes.post("/admin/login", this::login);
        routes.post("/admin/logout", this::logout);
        routes.get("/admin", ctx -> ctx.redirect("/admin/leads"));
        routes.get("/admin/leads", this::leadsPage);
        routes.get("/admin/leads/{id}", this::leadPage);
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
        Optional<User> user = email == null || password == null ? Optional.empty()
                : auth.checkPassword(email, password);
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

    private void leadsPage(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = layout(session.get(), "leads");
        var recent = leads.listRecent(null, 100);
        scope.put("leads", recent);
        scope.put("hasLeads", !recent.isEmpty());
        ctx.html(pages.render("admin/leads", scope));
    }

    private void leadPage(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id = Params.id(ctx, "Lead");
        Map<String, Object> scope = layout(session.get(), "leads");
        Lead lead = leads.get(id);
        scope.put("lead", lead);
        scope.put("firstTouchText", LeadPageService.describeTouch(lead.firstTouch()));
        scope.put("lastTouchText", LeadPageService.describeTouch(lead.lastTouch()));
        scope.put("tagsText", String.join(", ", lead.tags()));
        scope.put("attributesText", LeadPageService.describe(lead.attributes()));
        List<Map<String, Object>> events = leadPages.timeline(leads.events(id), id);
        scope.put("events", events);
        scope.put("hasEvents", !events.isEmpty());
        List<Map<String, Object>> enrollments = leadPages.enrollments(id);
        scope.put("enrollments", enrollments);
        scope.put("hasEnrollments", !enrollments.isEmpty());
        var consents = leadPages.consents(id);
        scope.put("consents", consents);
        scope.put("hasConsents", !consents.isEmpty());
        ctx.html(pages.render("admin/lead", scope));
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
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        if (!session.get().csrfToken().equals(ctx.formParam("csrf"))) {
            throw ApiException.forbidden("The form expired; reload the page and try again.");
        }
        guardrail.resolve(Params.id(ctx, "Alert"));
        ctx.redirect("/admin/leads", HttpStatus.SEE_OTHER);
    }

    private void outboxPage(Context ctx) {
        Optional<AccessDao.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = layout(session.get(), "outbox");
        scope.put("enabled", inbox != null);
        var messages = inbox == null ? java.util.List.<DevInbox.Received>of() : inbox.messages(100);
        scope.put("messages", messages);
        scope.put("hasMessages", !messages.isEmpty());
        ctx.html(pages.render("admin/outbox", scope));
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

    private Optional<AccessDao.Session> session(Context ctx) {
        Optional<AccessDao.Session> session = auth.findSession(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            ctx.redirect("/admin/login?next=" + URLEncoder.encode(ctx.path(),
                    StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        }
        ctx.header("Cache-Control", "no-store");
        return session;
    }

    /** Returns the scope every signed-in page shares, with the open deliverability alerts. */
    private Map<String, Object> layout(AccessDao.Session session, String current) {
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
