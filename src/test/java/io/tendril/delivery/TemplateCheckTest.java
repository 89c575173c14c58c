package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Template checks: syntax errors and variables no lead field provides. */
class TemplateCheckTest {

    @Test
    void knownVariablesPass() {
        List<TemplateCheck.Problem> problems = TemplateCheck.check("Hi {{first_name}}",
                "<p>{{lead.company}} {{attributes.plan}} {{#sequence}}{{name}}{{/sequence}}"
                        + " {{{unsubscribe_url}}} {{> partials/header}}</p>",
                "{{sender.postal_address}} {{preferences_url}}");
        assertEquals(List.of(), problems);
    }

    @Test
    void unknownVariableIsListed() {
        List<TemplateCheck.Problem> problems = TemplateCheck.check("Hi {{firstname}}",
                "<p>{{lead.phonenumber}}</p>", "");
        assertEquals(2, problems.size());
        assertEquals("unknown_variable", problems.get(0).kind());
        assertTrue(problems.get(0).message().contains("{{firstname}}"));
        assertEquals("html", problems.get(1).template());
    }

    @Test
    void unclosedSectionIsSyntaxError() {
        List<TemplateCheck.Problem> problems = TemplateCheck.check("Hi", "{{#name}}x", "");
        assertEquals(1, problems.size());
        assertEquals("syntax", problems.get(0).kind());
    }

    @Test
    void partialOutsideEmailTemplatesIsRejected() {
        List<TemplateCheck.Problem> problems = TemplateCheck.check("Hi",
                "{{> ../admin/leads}}", "");
        assertEquals(1, problems.size());
        assertEquals("syntax", problems.get(0).kind());
    }

    @Test
    void emptySubjectIsMissing() {
        assertEquals("missing", TemplateCheck.check(" ", "<p>x</p>", null).get(0).kind());
    }
}
