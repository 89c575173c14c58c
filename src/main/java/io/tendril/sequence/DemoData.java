package io.tendril.sequence;

import io.tendril.capture.CaptureDao;
import io.tendril.capture.FormField;
import io.tendril.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo: a sequence {@code welcome} of three emails (at once, two days later, three
 * days after that) and a form {@code demo} that feeds it. The email content is in
 * {@code templates/demo/}.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    /** Seeds the demo once; does nothing when the {@code welcome} sequence exists. */
    public static void seed(Jdbi jdbi) {
        jdbi.useTransaction(h -> {
            var sequences = h.attach(SequenceDao.class);
            var sequenceId = sequences.insertSequence("welcome", "Welcome");
            if (sequenceId.isEmpty()) {
                return;
            }
            long id = sequenceId.get();
            sequences.insertStep(id, 1, "Welcome", "minutes", 0,
                    "Welcome to Tendril{{#first_name}}, {{first_name}}{{/first_name}}!",
                    template("welcome-1.html"), template("welcome-1.txt"));
            sequences.insertStep(id, 2, "Getting started", "days", 2,
                    "Three ways to get more from your forms",
                    template("welcome-2.html"), template("welcome-2.txt"));
            sequences.insertStep(id, 3, "Check-in", "days", 3,
                    "How is it going{{#first_name}}, {{first_name}}{{/first_name}}?",
                    template("welcome-3.html"), template("welcome-3.txt"));

            List<FormField> fields = List.of(
                    new FormField("email", "email", "Email", "you@example.com", null, true, 254),
                    new FormField("name", "text", "Name", "Ada Lovelace", null, false, 255),
                    new FormField("consent", "consent", "Email me", null, null, true, null));
            h.attach(CaptureDao.class).insertForm("demo", "Demo sign-up", Json.write(fields),
                    "{}", id,
                    "Yes, send me the welcome emails. I can unsubscribe at any time.", 1,
                    "Thanks! The first welcome email is on its way.");
            log.info("Demo data seeded: form 'demo' feeding sequence 'welcome' ({})", id);
        });
    }

    private static String template(String name) {
        String path = "templates/demo/" + name + ".mustache";
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing demo template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
