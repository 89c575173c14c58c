package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Pages;
import io.tendril.http.ValidationException;
import io.tendril.tracking.TokenSigner;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The public capture endpoints: form definitions, hosted pages and submissions. */
public final class CaptureRoutes {

    /** Submissions larger than this are rejected with 413 before parsing. */
    static final int MAX_BODY_BYTES = 64 * 1024;

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
        Form form = capture.requireForm(file.substring(0, file.length() - 5));
        allowOrigin(ctx, form);
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.json(FormView.definition(form));
    }

    private void page(Context ctx) {
        Form form = capture.requireForm(ctx.pathParam("slug"));
        boolean embed = "1".equals(ctx.queryParam("embed"));
        Map<String, String> values = new HashMap<>();
        for (String name : Submission.ATTRIBUTION_FIELDS) {
            String value = ctx.queryParam(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        renderPage(ctx, form, values, Map.of(), embed);
    }

    private void thanks(Context ctx) {
        Form form = capture.requireForm(ctx.pathParam("slug"));
        ctx.html(pages.render("pages/thanks", Map.of("form", Map.of("name", form.name()),
                "message", form.thankYouMessage())));
    }

    private void preflight(Context ctx) {
        Form form = capture.requireForm(ctx.pathParam("slug"));
        if (!allowOrigin(ctx, form)) {
            throw ApiException.forbidden("Origin " + ctx.header("Origin")
                    + " may not post to this form.");
        }
        ctx.header("Access-Control-Allow-Methods", "POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void submit(Context ctx) {
        Form form = capture.requireForm(ctx.pathParam("slug"));
        if (!allowOrigin(ctx, form)) {
            throw ApiException.forbidden("Origin " + ctx.header("Origin")
                    + " may not post to this form.");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }

        boolean json = ctx.contentType() != null && ctx.contentType().startsWith("application/json");
        Map<String, String> values = json ? jsonValues(body) : formValues(ctx);
        Submission submission = new Submission(values, signer.hashIp(ctx.ip()),
                ctx.header("User-Agent"));

        if (json) {
            capture.submit(form, submission);
            ctx.status(200).json(Map.of("status", "ok"));
            return;
        }
        try {
            capture.submit(form, submission);
        } catch (ValidationException e) {
            ctx.status(422);
            renderPage(ctx, form, values, e.fields(), "1".equals(ctx.queryParam("embed")));
            return;
        }
        String target = form.thankYouUrl() != null ? form.thankYouUrl()
                : "/f/" + form.slug() + "/thanks";
        ctx.redirect(target, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void renderPage(Context ctx, Form form, Map<String, String> values,
            Map<String, String> errors, boolean embed) {
        ctx.header("Cache-Control", "no-store");
        ctx.html(pages.render("pages/form", FormView.page(form, values, errors, embed)));
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

    private static Map<String, String> formValues(Context ctx) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.formParamMap().entrySet()) {
            if (!entry.getValue().isEmpty()) {
                values.put(entry.getKey(), String.join(", ", entry.getValue()));
            }
        }
        return values;
    }

    private static Map<String, String> jsonValues(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not valid JSON; send an object such as"
                    + " {\"email\": \"ann@example.com\"}.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object of field names to"
                    + " values.");
        }
        Map<String, String> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                values.put(field.getKey(), value.asText());
            } else if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                value.forEach(item -> joined.append(joined.length() > 0 ? ", " : "")
                        .append(item.asText()));
                values.put(field.getKey(), joined.toString());
            }
        }
        return values;
    }
}
