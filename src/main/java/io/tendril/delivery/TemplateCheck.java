package io.tendril.delivery;

import com.github.mustachejava.Code;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a step's templates before they are saved or previewed: each must compile, and each
 * variable must be one that rendering provides. Pure: no database, no I/O beyond the partials.
 */
public final class TemplateCheck {

    /** Variables every email scope provides, with the fields of the nested ones. */
    static final Map<String, Set<String>> VARIABLES = Map.ofEntries(
            Map.entry("name", Set.of()), Map.entry("first_name", Set.of()),
            Map.entry("email", Set.of()), Map.entry("company", Set.of()),
            Map.entry("attributes", Set.of("*")),
            Map.entry("lead", Set.of("id", "name", "first_name", "email", "company",
                    "attributes")),
            Map.entry("sequence", Set.of("id", "name")),
            Map.entry("step", Set.of("id", "name", "position")),
            Map.entry("form", Set.of("name", "slug")),
            Map.entry("message", Set.of("id")),
            Map.entry("sender", Set.of("name", "address", "domain", "postal_address")),
            Map.entry("unsubscribe_url", Set.of()), Map.entry("preferences_url", Set.of()),
            Map.entry("postal_address", Set.of()), Map.entry("base_url", Set.of()));

    /** One problem: which template, what kind ({@code syntax} or {@code unknown_variable}). */
    public record Problem(String template, String kind, String message) {
    }

    private TemplateCheck() {
    }

    /** Returns the problems of the three templates; empty when all compile and all are known. */
    public static List<Problem> check(String subject, String html, String text) {
        List<Problem> problems = new ArrayList<>();
        checkOne("subject", subject, problems);
        checkOne("html", html, problems);
        checkOne("text", text, problems);
        return problems;
    }

    private static void checkOne(String template, String source, List<Problem> problems) {
        if (source == null || source.isBlank()) {
            if (!template.equals("text")) {
                problems.add(new Problem(template, "missing", "The " + template
                        + " template is empty; write at least one line."));
            }
            return;
        }
        Mustache mustache;
        try {
            mustache = new Renderer.EmailTemplates()
                    .compile(new StringReader(source), template + ".mustache");
        } catch (MustacheException e) {
            problems.add(new Problem(template, "syntax", "The " + template
                    + " template does not compile: " + e.getMessage()));
            return;
        }
        Set<String> unknown = new LinkedHashSet<>();
        collectUnknown(mustache.getCodes(), unknown);
        for (String name : unknown) {
            problems.add(new Problem(template, "unknown_variable", "{{" + name + "}} in the "
                    + template + " template is not provided by any lead field or setting; it"
                    + " renders empty. Known: " + String.join(", ", VARIABLES.keySet()) + "."));
        }
    }

    /** Walks the top level; names inside sections resolve against the section's value. */
    private static void collectUnknown(Code[] codes, Set<String> unknown) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof PartialCode) {
                continue;
            }
            boolean variable = code instanceof ValueCode;
            boolean section = code instanceof IterableCode || code instanceof NotIterableCode;
            if ((variable || section) && !isKnown(code.getName())) {
                unknown.add(code.getName());
            }
        }
    }

    static boolean isKnown(String name) {
        if (name == null || name.equals(".")) {
            return true;
        }
        String[] parts = name.split("\\.", 2);
        Set<String> fields = VARIABLES.get(parts[0]);
        if (fields == null) {
            return false;
        }
        if (parts.length == 1 || fields.contains("*")) {
            return true;
        }
        String field = parts[1].split("\\.", 2)[0];
        return fields.contains(field) || (field.equals("attributes") && parts[0].equals("lead"));
    }
}
