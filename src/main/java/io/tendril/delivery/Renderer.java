package io.tendril.delivery;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders email templates with Mustache. HTML templates escape {@code {{ }}} values once for
 * HTML; subjects and text parts are never HTML-escaped. Layouts and partials load from
 * {@code templates/email/} on the classpath.
 */
public final class Renderer {

    private static final String ROOT = "templates/email";
    private static final int MAX_CACHED = 1000;

    private final MustacheFactory html = new DefaultMustacheFactory(ROOT);
    private final MustacheFactory plain = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private final Map<String, Mustache> htmlCache = new ConcurrentHashMap<>();
    private final Map<String, Mustache> plainCache = new ConcurrentHashMap<>();
    private final Mustache layout = html.compile("layout.mustache");
    private final Mustache textLayout = plain.compile("layout.text.mustache");

    /** Renders an HTML body template and wraps it in the email layout. */
    public String renderHtml(String template, Map<String, Object> scope) {
        String body = render(compile(html, htmlCache, template), scope);
        Map<String, Object> layoutScope = new HashMap<>(scope);
        layoutScope.put("body", body);
        return render(layout, layoutScope);
    }

    /** Renders a text body template, without HTML escaping, and adds the text footer. */
    public String renderText(String template, Map<String, Object> scope) {
        String body = render(compile(plain, plainCache, template), scope);
        Map<String, Object> layoutScope = new HashMap<>(scope);
        layoutScope.put("body", body);
        return render(textLayout, layoutScope);
    }

    /** Renders a subject line without HTML escaping, on one line. */
    public String renderSubject(String template, Map<String, Object> scope) {
        String subject = render(compile(plain, plainCache, template), scope);
        return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static Mustache compile(MustacheFactory factory, Map<String, Mustache> cache,
            String template) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(template,
                t -> factory.compile(new StringReader(t), "step-" + t.hashCode()));
    }

    private static String render(Mustache mustache, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
