package io.tendril.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to the JSON error shape, or to an error page: the section's own page for a
 * request under a section such as the admin, else the public page for a browser navigating to a
 * page. Logs each unexpected error once with an id.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String SECTION_PAGE = "io.tendril.http.ErrorMapper.sectionPage";
    /** The largest request body the server reads, unless a route reads its own (imports). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** The error page of a section of the site, such as the admin, drawn in its own layout. */
    public interface SectionPage {

        /** Renders the HTML page for an error with this status and message. */
        String render(Context ctx, int status, String message);
    }

    private final Pages pages;

    private ErrorMapper(Pages pages) {
        this.pages = pages;
    }

    public static void install(RoutesConfig routes, Pages pages) {
        ErrorMapper mapper = new ErrorMapper(pages);
        routes.exception(ApiException.class, (e, ctx) -> mapper.respond(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> mapper.respond(ctx,
                mapped(ctx, e)));
        routes.exception(Exception.class, (e, ctx) -> {
            String errorId = UUID.randomUUID().toString();
            log.error("Request {} {} failed, error id {}", ctx.method(), ctx.path(), errorId, e);
            mapper.respond(ctx, new ApiException(500, "internal_error",
                    "Something went wrong on our side. Quote error id " + errorId
                            + " when reporting it.",
                    Map.of("error_id", errorId)));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                mapper.respond(ctx, ApiException.notFound("Page " + ctx.path()));
            }
        });
    }

    /** Returns the error response for an HTTP error that Javalin raised itself. */
    private static ApiException mapped(Context ctx, HttpResponseException e) {
        if (e instanceof EndpointNotFound && !ctx.path().startsWith("/api/")) {
            return ApiException.notFound("Page " + ctx.path());
        }
        if (e.getStatus() == 413) {
            // Javalin's own message names no limit.
            return ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }
        return new ApiException(e.getStatus(), codeFor(e.getStatus()), e.getMessage(), null);
    }

    /**
     * Makes every error of this request an HTML page drawn by {@code page}, whatever the
     * request's Accept header, because the section's paths are pages and never an API.
     */
    public static void useSectionPage(Context ctx, SectionPage page) {
        ctx.attribute(SECTION_PAGE, page);
    }

    private void respond(Context ctx, ApiException e) {
        if (e.status() == 401 && ctx.path().startsWith("/api/")) {
            boolean basic = ctx.path().equals("/api/v1/tokens");
            ctx.header("WWW-Authenticate", basic ? "Basic realm=\"Tendril\", charset=\"UTF-8\""
                    : "Bearer realm=\"Tendril\"");
        }
        SectionPage section = ctx.attribute(SECTION_PAGE);
        if (section != null) {
            statusHeaders(ctx, e);
            try {
                ctx.status(e.status()).html(section.render(ctx, e.status(), e.getMessage()));
            } catch (RuntimeException renderFailure) {
                // The admin's page reads the session from the database, which may be what
                // failed. The public page needs no database.
                log.error("Error page of {} {} failed, showing the public one", ctx.method(),
                        ctx.path(), renderFailure);
                publicPage(ctx, e);
            }
            return;
        }
        if (!wantsPage(ctx)) {
            write(ctx, e);
            return;
        }
        publicPage(ctx, e);
    }

    private void publicPage(Context ctx, ApiException e) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("status", e.status());
        scope.put("title", e.status() == 404 ? "Page not found" : "Something went wrong");
        scope.put("message", e.getMessage());
        ctx.status(e.status()).html(pages.render("pages/error", scope));
    }

    /**
     * Returns true for a browser navigating to a page: it accepts HTML and neither calls the API
     * nor posts JSON. Scripts, such as the widget, get JSON.
     */
    private static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        String contentType = ctx.contentType();
        String path = ctx.path();
        return accept != null && accept.contains("text/html")
                && !path.startsWith("/api/") && !path.endsWith(".json")
                && (contentType == null || !contentType.startsWith("application/json"));
    }

    /** Writes {@code e} as {@code {"error":{...}}}; a 422 also carries {@code "errors"}. */
    public static void write(Context ctx, ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("details", e.details());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (e instanceof ValidationException validation) {
            body.put("errors", validation.fields());
        }
        statusHeaders(ctx, e);
        ctx.status(e.status()).json(body);
    }

    /** Sets the headers that belong to the error's status, whatever the body's format. */
    private static void statusHeaders(Context ctx, ApiException e) {
        if (e.details().get("retry_after_seconds") instanceof Long seconds) {
            ctx.header("Retry-After", Long.toString(seconds));
        }
        if (e.status() == 413) {
            // The rest of the body is never read, so the connection cannot carry another
            // request; saying so keeps clients from reusing it and failing.
            ctx.header("Connection", "close");
        }
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
