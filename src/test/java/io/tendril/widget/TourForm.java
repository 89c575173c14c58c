package io.tendril.widget;

import io.tendril.support.TestNode;
import java.net.http.HttpResponse;

/**
 * A form with every field type, a landing page, a render token and a small proof of work,
 * created through the forms API for the browser tests.
 */
final class TourForm {

    private TourForm() {
    }

    /** Creates the form {@code tour}, allowed on {@code origin}. */
    static void create(TestNode node, String token, String origin) {
        create(node, token, origin, "tour");
    }

    /** Creates the tour form under {@code slug}, allowed on {@code origin}. */
    static void create(TestNode node, String token, String origin, String slug) {
        String body = """
                {"slug": "%s", "name": "Spring team tour",
                 "fields": [
                  {"name": "email", "type": "email", "label": "Work email", "required": true,
                   "help": "We send the tour details here."},
                  {"name": "name", "type": "text", "label": "Name", "max_length": 120},
                  {"name": "phone", "type": "phone", "label": "Phone"},
                  {"name": "company", "type": "text", "label": "Company"},
                  {"name": "seats", "type": "number", "label": "Seats"},
                  {"name": "start", "type": "date", "label": "Preferred date"},
                  {"name": "size", "type": "select", "label": "Team size",
                   "options": ["1-10", "11-50", "51+"]},
                  {"name": "topics", "type": "multi-select", "label": "Topics",
                   "options": ["Capture", "Reporting", "Sequences"]},
                  {"name": "message", "type": "textarea", "label": "Anything else?"},
                  {"name": "newsletter", "type": "checkbox", "label": "Monthly newsletter"},
                  {"name": "partner", "type": "hidden", "param": "partner", "default": "direct"},
                  {"name": "consent", "type": "consent", "required": true}],
                 "allowed_origins": ["%s"],
                 "thank_you_message": "Thanks, see you in spring.",
                 "consent_text": "Send me the tour emails. I can unsubscribe at any time.",
                 "landing": {"headline": "Meet the team in spring",
                   "body": "Walk through the product with the people who build it.\\n\\n\
                One hour, online, no slides."},
                 "spam": {"min_fill_seconds": 0, "require_render_token": true, "pow_bits": 8,
                   "ip_limit": 50, "ip_limit_seconds": 60, "email_limit": 5,
                   "email_limit_seconds": 3600}}
                """.formatted(slug, origin);
        HttpResponse<String> response = node.http().postJson("/api/v1/forms", body,
                "Authorization", "Bearer " + token);
        if (response.statusCode() != 201) {
            throw new AssertionError("Creating the tour form failed: " + response.statusCode()
                    + " " + response.body());
        }
    }
}
