package io.tendril.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tendril.capture.CaptureService;
import io.tendril.capture.Form;
import io.tendril.capture.FormField;
import io.tendril.capture.FormRoutes;
import io.tendril.capture.FormService;
import io.tendril.http.ApiException;
import io.tendril.http.Pages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The marketer pages for forms: the list, each form's embed snippets with copy buttons, and a
 * JSON editor that saves through the same validation as the forms API.
 */
public final class FormPages {

    private static final int MAX_FORMS = 500;
    /** The definition a new form starts from: an email, a name and a consent box. */
    private static final String STARTER = """
            {
              "slug": "newsletter",
              "name": "Newsletter sign-up",
              "fields": [
                {"name": "email", "type": "email", "label": "Email"},
                {"name": "name", "type": "text", "label": "Name"},
                {"name": "consent", "type": "consent", "label": "Email me", "required": true}
              ],
              "consent_text": "Yes, send me the newsletter. I can unsubscribe at any time.",
              "double_opt_in": true,
              "allowed_origins": [],
              "thank_you_message": "Thanks! Check your inbox to confirm your address."
            }
            """;

    private final AdminRoutes admin;
    private final FormService forms;
    private final CaptureService capture;
    private final Pages pages;
    private final String baseUrl;
    private final String widgetHash;

    public FormPages(AdminRoutes admin, FormService forms, CaptureService capture, Pages pages,
            String baseUrl, String widgetHash) {
        this.admin = admin;
        this.forms = forms;
        this.capture = capture;
        this.pages = pages;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.widgetHash = widgetHash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin/forms", this::listPage);
        routes.get("/admin/forms/new", ctx -> newPage(ctx, STARTER, null));
        routes.post("/admin/forms", this::create);
        routes.get("/admin/forms/{slug}", ctx -> formPage(ctx, null, null,
                ctx.queryParam("saved") != null));
        routes.post("/admin/forms/{slug}", this::update);
    }

    private void listPage(Context ctx) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = admin.layout(session.get(), "forms");
        List<Form> list = forms.list(null, MAX_FORMS);
        scope.put("forms", list);
        scope.put("hasForms", !list.isEmpty());
        ctx.html(pages.render("admin/forms", scope));
    }

    private void newPage(Context ctx, String definition, List<Map<String, String>> errors) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = admin.layout(session.get(), "forms");
        scope.put("creating", true);
        scope.put("action", "/admin/forms");
        scope.put("definition", definition);
        JsonEditor.putErrors(scope, errors);
        ctx.html(pages.render("admin/form", scope));
    }

    private void create(Context ctx) {
        save(ctx, forms::create, (text, errors) -> newPage(ctx, text, errors));
    }

    private void update(Context ctx) {
        save(ctx, body -> forms.update(ctx.pathParam("slug"), body, false),
                (text, errors) -> formPage(ctx, text, errors, false));
    }

    /**
     * Saves the posted definition with {@code action} and shows the saved form, or on a
     * rejection shows the page again with the text as typed and the errors.
     */
    private void save(Context ctx, Function<JsonNode, Form> action,
            BiConsumer<String, List<Map<String, String>>> rejected) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        String text = definitionParam(ctx);
        Form form;
        try {
            form = action.apply(JsonEditor.parse(text, "definition"));
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            ctx.status(e.status());
            rejected.accept(text, JsonEditor.errors(e));
            return;
        }
        capture.forgetForms();
        ctx.redirect("/admin/forms/" + encode(form.slug()) + "?saved=1", HttpStatus.SEE_OTHER);
    }

    private void formPage(Context ctx, String definition, List<Map<String, String>> errors,
            boolean saved) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Form form = forms.get(ctx.pathParam("slug"));
        Map<String, Object> scope = admin.layout(session.get(), "forms");
        scope.put("form", form);
        scope.put("action", "/admin/forms/" + encode(form.slug()));
        scope.put("saved", saved);
        scope.put("definition", definition != null ? definition
                : JsonEditor.pretty(FormRoutes.view(form)));
        scope.put("fieldRows", fieldRows(form));
        scope.put("hostedUrl", baseUrl + "/f/" + form.slug());
        scope.put("widgetSnippet", "<div data-tendril-form=\"" + form.slug() + "\"></div>\n"
                + "<script async src=\"" + baseUrl + "/widget.js?v=" + widgetHash
                + "\"></script>");
        scope.put("iframeSnippet", "<iframe src=\"" + baseUrl + "/f/" + form.slug()
                + "?embed=1\" title=\"" + form.name().replace("\"", "&quot;")
                + "\" style=\"width:100%;border:0\" height=\"600\"></iframe>");
        scope.put("originsText", form.allowedOrigins().isEmpty() ? "any site"
                : String.join(", ", form.allowedOrigins()));
        JsonEditor.putErrors(scope, errors);
        ctx.html(pages.render("admin/form", scope));
    }

    private static String definitionParam(Context ctx) {
        String text = ctx.formParam("definition");
        return text == null ? "" : text;
    }

    private static List<Map<String, Object>> fieldRows(Form form) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FormField field : form.fields()) {
            rows.add(Map.of("name", field.name(), "type", field.type(),
                    "label", field.displayLabel(), "required", field.required() ? "yes" : "no"));
        }
        return rows;
    }

    private static String encode(String slug) {
        return URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }
}
