package io.tendril.capture;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.tendril.http.ApiException;
import io.tendril.http.Pages;
import io.tendril.http.ValidationException;
import io.tendril.tracking.TokenSigner;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The public capture endpoints: form definitions, hosted pages and submissions. */
public final class CaptureRoutes {

    /** The JSON responses to an accepted submission, constants so that no mapper runs. */
    private static final String OK = "{\"status\":\"ok\"}";
    private static final String OK_CONFIRM = "{\"status\":\"ok\",\"confirm\":true}";

    private final CaptureService capture;
    private final Pages pages;
    private final TokenSigner signer;
    private final String ownOrigin;

    public CaptureRoutes(CaptureService capture, Pages pages, TokenSigner signer, String baseUrl) {
        this.capture = capture;
        this.pages = pages;
        this.signer = signer;
        this.ownOrigin = baseUrl;
    }

    public void register(RoutesConfig routes) {
        routes.get("/forms/{file}", this::definition);
        routes.options("/forms/{file}", this::definitionPreflight);
        routes.get("/f/{slug}", this::page);
        routes.get("/f/{slug}/thanks", this::thanks);
        routes.options("/f/{slug}", this::preflight);
        routes.post("/f/{slug}", this::submit);
    }

    private void definition(Context ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".json")) {
            throw ApiException.notFound("Form definition '" + file + "'");
        }
        Form form = requireForm(ctx, file.substring(0, file.length() - 5));
        allowOrigin(ctx, form);
        // Each definition carries a fresh render token, so it must not be shared by caches.
        ctx.header("Cache-Control", "no-store");
        ctx.json(FormView.definition(form, capture.renderToken(form)));
    }

    private void page(Context ctx) {
        Form form = capture.requireForm(ctx.pathParam("slug"));
        boolean embed = "1".equals(ctx.queryParam("embed"));
        Map<String, String> values = pageValues(ctx, form);

        allowOrigin(ctx, form);
        renderPage(ctx, form, values, Map.of(), null, embed, capture.renderToken(form));
    }

    /**
     * Returns the values a hosted page starts with: the attribution in its URL and request, and
     * each hidden field's URL parameter or default. The page URL is built on the public base
     * URL, so it stays right behind a reverse proxy.
     */
    private Map<String, String> pageValues(Context ctx, Form form) {
        Map<String, String> values = new HashMap<>();
        for (String name : Submission.ATTRIBUTION_FIELDS) {
            String value = ctx.queryParam(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        for (FormField field : form.fields()) {
            String value = field.param() == null ? null : ctx.queryParam(field.param());
            if (value != null) {
                values.put(field.name(), value);
            } else if (field.defaultValue() != null) {
                values.put(field.name(), field.defaultValue());
            }
        }

        String query = ctx.queryString();
        values.put("page_url", ownOrigin.replaceAll("/+$", "") + ctx.path()
                + (query == null || query.isEmpty() ? "" : "?" + query));
        String referrer = ctx.header("Referer");
        if (referrer != null) {
            values.put("referrer", referrer);
        }
        return values;
    }

    /**
     * Responds to the CORS preflight of {@code GET /forms/{slug}.json} for allowed origins, and
     * for every origin when no active form has the slug, so that the GET gets a readable 404.
     */
    private void definitionPreflight(Context ctx) {
        String file = ctx.pathParam("file");
        Optional<Form> form = capture.findForm(file.endsWith(".json")
                ? file.substring(0, file.length() - 5) : file);
        if (form.isEmpty()) {
            allowAnyOrigin(ctx);
        } else if (!allowOrigin(ctx, form.get())) {
            throw ApiException.forbidden("Origin " + ctx.header("Origin")
                    + " may not load this form.");
        }
        ctx.header("Access-Control-Allow-Methods", "GET");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void thanks(Context ctx) {
        Form form = capture.requireForm(ctx.pathParam("slug"));
        ctx.html(pages.render("pages/thanks", Map.of("form", Map.of("name", form.name()),
                "message", form.thankYouMessage())));
    }

    /**
     * Responds to the CORS preflight of {@code POST /f/{slug}} for allowed origins, and for every
     * origin when no active form has the slug, so that a widget whose form was archived after it
     * loaded gets a readable 404.
     */
    private void preflight(Context ctx) {
        Optional<Form> form = capture.findForm(ctx.pathParam("slug"));
        if (form.isEmpty()) {
            allowAnyOrigin(ctx);
        } else if (!allowOrigin(ctx, form.get())) {
            throw ApiException.forbidden("Origin " + ctx.header("Origin")
                    + " may not post to this form.");
        }
        ctx.header("Access-Control-Allow-Methods", "POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void submit(Context ctx) {
        Form form = requireForm(ctx, ctx.pathParam("slug"));
        if (!allowOrigin(ctx, form)) {
            throw ApiException.forbidden("Origin " + ctx.header("Origin")
                    + " may not post to this form.");
        }
        if (SubmissionParser.isJson(ctx) || wantsJson(ctx)) {
            SubmissionParser.Body body = SubmissionParser.parse(ctx);
            body.checkDecoded();
            capture.submit(form, submission(ctx, body));
            // The response body depends on the form only. An unsubscribed lead who signs up
            // again is sent a confirmation email, and saying so would reveal a known address.
            ctx.status(200).contentType(ContentType.APPLICATION_JSON)
                    .result(form.doubleOptIn() ? OK_CONFIRM : OK);
            return;
        }
        Map<String, String> values = Map.of();
        boolean embed = "1".equals(ctx.queryParam("embed"));
        try {
            SubmissionParser.Body body = SubmissionParser.parse(ctx);
            Submission submission = submission(ctx, body);
            values = submission.flat();
            body.checkDecoded();
            capture.submit(form, submission);
        } catch (ValidationException e) {
            ctx.status(422);
            renderPage(ctx, form, values, e.fields(), null, embed, firstToken(form, values));
            return;
        } catch (ApiException e) {
            if (e.status() != 429) {
                throw e;
            }
            ctx.status(429);
            if (e.details().get("retry_after_seconds") instanceof Long seconds) {
                ctx.header("Retry-After", Long.toString(seconds));
            }
            renderPage(ctx, form, values, Map.of(), e.getMessage(), embed,
                    firstToken(form, values));
            return;
        }
        // Only the form's own thank-you URL or page: never a URL taken from the request.
        String target = form.thankYouUrl() != null ? form.thankYouUrl()
                : "/f/" + form.slug() + "/thanks";
        ctx.redirect(target, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * Returns the render token the visitor's page was first shown with. A page shown again
     * keeps it: the visitor has been filling the form since then, and a fresh token would make
     * a quick fix look like a bot.
     */
    private String firstToken(Form form, Map<String, String> values) {
        String token = values.getOrDefault(SpamGuard.RENDER_TOKEN, "");
        return token.isBlank() ? capture.renderToken(form) : token;
    }

    /**
     * Returns true when a urlencoded post requests JSON and not HTML in its Accept header, so
     * that it gets the JSON response instead of the redirect that plain HTML forms get.
     */
    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json")
                && !accept.contains("text/html");
    }

    private Submission submission(Context ctx, SubmissionParser.Body body) {
        String userAgent = ctx.header("User-Agent") == null ? null
                : SubmissionValidator.truncate(
                        SubmissionValidator.clean(ctx.header("User-Agent"), false), 500);
        return new Submission(body.values(), body.shapes(), signer.hashIp(ctx.ip()), userAgent);
    }

    /** Renders the hosted page; {@code notice} is a message about the whole form, or null. */
    private void renderPage(Context ctx, Form form, Map<String, String> values,
            Map<String, String> errors, String notice, boolean embed, String renderToken) {
        ctx.header("Cache-Control", "no-store");
        ctx.html(pages.render("pages/form", FormView.page(form, values, errors, notice, embed,
                renderToken)));
    }

    /**
     * Returns the active form with this slug, or throws 404 with the CORS headers of a form that
     * allows every origin, so that the widget on any page can read the 404 and show that the
     * form is not available instead of retrying. A form that does not exist has nothing to
     * protect.
     */
    private Form requireForm(Context ctx, String slug) {
        Optional<Form> form = capture.findForm(slug);
        if (form.isEmpty()) {
            allowAnyOrigin(ctx);
            throw ApiException.notFound("Form '" + slug + "'");
        }
        return form.get();
    }

    /** Sets the CORS headers of a form whose {@code allowed_origins} is empty. */
    private static void allowAnyOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
    }

    /**
     * Sets the CORS headers when the request's Origin may use this form; returns false when an
     * Origin is present and not allowed. Requests without an Origin (plain form posts from
     * older browsers, servers) are allowed. Credentials are never allowed.
     */
    private boolean allowOrigin(Context ctx, Form form) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin == null) {
            return true;
        }
        if (!origin.equals(ownOrigin) && !form.allowsOrigin(origin)) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        return true;
    }
}
