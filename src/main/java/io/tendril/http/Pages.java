package io.tendril.http;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders the server-side pages (hosted forms, unsubscribe, admin) from {@code templates/}. */
public final class Pages {

    private final DefaultMustacheFactory factory = new DefaultMustacheFactory("templates");
    private final Map<String, Mustache> cache = new ConcurrentHashMap<>();

    /** Renders {@code templates/NAME.mustache} with HTML escaping of every {@code {{ }}} value. */
    public String render(String name, Map<String, ?> scope) {
        Mustache mustache = cache.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
