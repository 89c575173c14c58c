package io.tendril.delivery;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders email templates with Mustache. HTML templates escape {@code {{ }}} values once for
 * HTML; subjects and text parts are never HTML-escaped. Layouts and partials load from
 * {@code templates/email/} on the classpath, so a step template may include
 * {@code {{> partials/header}}}.
 */
public final class Renderer {

    static final String ROOT = "templates/email";
    private static final int MAX_CACHED = 1000;

    private final MustacheFactory html = new EmailTemplates();
    private final MustacheFactory plain = plainFactory();
    private final Map<String, Mustache> htmlCache = new ConcurrentHashMap<>();
    private final Map<String, Mustache> plainCache = new ConcurrentHashMap<>();
    private final Mustache layout = html.compile("layout.mustache");
    private final Mustache textLayout = plain.compile("layout.text.mustache");

    /** A rendered email: subject on one line, HTML document, and a text part never empty. */
    public record Rendered(String subject, String html, String text) {
    }

    /**
     * Renders the three templates of a step for one scope. A blank text template, or one that
     * renders blank, gets a text part generated from the HTML body.
     */
    public Rendered render(String subjectTemplate, String htmlTemplate, String textTemplate,
            Map<String, Object> scope) {
        String subject = renderSubject(subjectTemplate, scope);
        String htmlBody = render(compile(html, htmlCache, htmlTemplate), scope);
        String textBody = textTemplate == null || textTemplate.isBlank() ? ""
                : render(compile(plain, plainCache, textTemplate), scope);
        if (textBody.isBlank()) {
            textBody = HtmlToText.convert(htmlBody);
        }
        return new Rendered(subject, wrapHtml(htmlBody, scope), wrapText(textBody, scope));
    }

    /** Renders an HTML body template and wraps it in the email layout. */
    public String renderHtml(String template, Map<String, Object> scope) {
        return wrapHtml(render(compile(html, htmlCache, template), scope), scope);
    }

    /** Renders a text body template, without HTML escaping, and adds the text footer. */
    public String renderText(String template, Map<String, Object> scope) {
        return wrapText(render(compile(plain, plainCache, template), scope), scope);
    }

    /** Renders a subject line without HTML escaping, on one line. */
    public String renderSubject(String template, Map<String, Object> scope) {
        return HeaderText.clean(render(compile(plain, plainCache, template), scope));
    }

    private String wrapHtml(String body, Map<String, Object> scope) {
        String start = body.stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("<!doctype") || start.startsWith("<html")) {
            return body;
        }
        Map<String, Object> layoutScope = new HashMap<>(scope);
        layoutScope.put("body", body);
        return render(layout, layoutScope);
    }

    private String wrapText(String body, Map<String, Object> scope) {
        Map<String, Object> layoutScope = new HashMap<>(scope);
        layoutScope.put("body", body.strip());
        return render(textLayout, layoutScope);
    }

    /**
     * The factory of email templates: partials resolve only inside {@code templates/email/},
     * so a step template cannot include other files such as {@code {{> ../../x}}}.
     */
    static class EmailTemplates extends DefaultMustacheFactory {

        EmailTemplates() {
            super(ROOT);
        }

        @Override
        public Reader getReader(String resourceName) {
            // The name is relative to templates/email/ here.
            if (resourceName.contains("..") || resourceName.startsWith("/")
                    || resourceName.contains(":") || resourceName.contains("\\")) {
                throw new MustacheException("Partial '" + resourceName + "' is outside "
                        + ROOT + "/; use a partial such as partials/footer.");
            }
            return super.getReader(resourceName);
        }
    }

    private static MustacheFactory plainFactory() {
        return new EmailTemplates() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static Mustache compile(MustacheFactory factory, Map<String, Mustache> cache,
            String template) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        // The .mustache suffix makes partials such as {{> partials/footer}} resolve to
        // templates/email/partials/footer.mustache.
        return cache.computeIfAbsent(template, t -> factory.compile(new StringReader(t),
                "step-" + Integer.toHexString(t.hashCode()) + ".mustache"));
    }

    private static String render(Mustache mustache, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
