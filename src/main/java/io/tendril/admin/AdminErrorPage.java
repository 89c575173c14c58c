package io.tendril.admin;

import io.javalin.http.Context;
import io.tendril.http.ErrorMapper;
import io.tendril.http.Pages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The error page of every {@code /admin} path, in the admin layout: what failed, the status,
 * and a link back to the list the path belongs to. A visitor who is not signed in gets the page
 * without the navigation and a link to the login page.
 */
final class AdminErrorPage implements ErrorMapper.SectionPage {

    /** An admin list: the path that starts its section, its navigation key and its name. */
    private record Section(String path, String key, String name) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("/admin/leads", "leads", "leads"),
            new Section("/admin/imports", "imports", "imports"),
            new Section("/admin/reports", "reports", "reports"),
            new Section("/admin/forms", "forms", "forms"),
            new Section("/admin/sequences", "sequences", "sequences"),
            new Section("/admin/outbox", "outbox", "outbox"),
            new Section("/admin/account", "account", "account"));

    private final AdminRoutes admin;
    private final AuthService auth;
    private final Pages pages;

    AdminErrorPage(AdminRoutes admin, AuthService auth, Pages pages) {
        this.admin = admin;
        this.auth = auth;
        this.pages = pages;
    }

    @Override
    public String render(Context ctx, int status, String message) {
        Optional<AccessDao.Session> session = auth.findSession(
                ctx.cookie(AdminRoutes.SESSION_COOKIE));
        Section section = section(ctx.path());
        Map<String, Object> scope = session.isPresent()
                ? admin.layout(session.get(), section.key()) : new HashMap<>();

        scope.put("signedIn", session.isPresent());
        scope.put("status", status);
        scope.put("title", title(status));
        scope.put("message", message);
        if (session.isPresent()) {
            scope.put("backUrl", section.path());
            scope.put("backText", "Back to " + section.name());
        } else {
            scope.put("backUrl", "/admin/login");
            scope.put("backText", "Sign in");
        }
        ctx.header("Cache-Control", "no-store");
        return pages.render("admin/error", scope);
    }

    /** Returns the section whose path starts {@code path}, or the leads for any other path. */
    private static Section section(String path) {
        for (Section section : SECTIONS) {
            String start = section.path();
            if (path.equals(start) || path.startsWith(start + "/")
                    || path.startsWith(start + ".")) {
                return section;
            }
        }
        return SECTIONS.get(0);
    }

    private static String title(int status) {
        return switch (status) {
            case 400, 422 -> "Invalid request";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 409 -> "Not possible now";
            case 413 -> "Request too large";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Something went wrong" : "Request failed";
        };
    }
}
