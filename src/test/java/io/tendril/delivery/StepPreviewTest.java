package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.Mailings;
import io.tendril.support.TestNode;
import io.tendril.suppression.FeedbackMailboxTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Step preview and test send over the API, and the suppression list's import and export. */
class StepPreviewTest {

    private static TestNode node;
    private static Jdbi jdbi;
    private static String auth;
    private static Mailings.Sequence sequence;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("TENDRIL_DEMO", "false"));
        jdbi = node.tendril().database().jdbi();
        auth = "Bearer " + node.apiToken();
        sequence = Mailings.sequence(jdbi, "Preview", "Hi {{first_name}} from {{plan_name}}",
                "<p>Hello {{name}}, plan {{attributes.plan}}. <a href=\"https://x.example/\">Go</a>"
                        + "</p>", "");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void previewWithSampleDataListsUnknownVariables() {
        HttpResponse<String> response = post("/api/v1/steps/" + sequence.stepId() + "/preview",
                "{}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode preview = Http.json(response);
        assertEquals("Hi Ada from", preview.get("subject").asText());
        assertTrue(preview.get("html").asText().contains("Hello Ada Lovelace, plan trial."));
        assertTrue(preview.get("text").asText().contains("Go (https://x.example/)"),
                preview.get("text").asText());
        assertEquals(1, preview.get("problems").size());
        assertEquals("unknown_variable",
                preview.get("problems").get(0).get("kind").asText());
    }

    @Test
    void previewForChosenLead() {
        long leadId = jdbi.withHandle(h -> h.createQuery("INSERT INTO leads (email, email_key,"
                + " name, attributes) VALUES ('grace@example.com', 'grace@example.com',"
                + " 'Grace Hopper', '{\"plan\": \"pro\"}') RETURNING id").mapTo(Long.class).one());
        JsonNode preview = Http.json(post("/api/v1/steps/" + sequence.stepId() + "/preview",
                "{\"lead_id\": " + leadId + "}"));
        assertTrue(preview.get("html").asText().contains("Hello Grace Hopper, plan pro."));
    }

    @Test
    void formVariablesNameFeedingForm() {
        Mailings.Sequence fed = Mailings.sequence(jdbi, "Fed", "From {{form.name}}",
                "<p>{{form.slug}}</p>", "");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO forms (slug, name, sequence_id) VALUES"
                + " ('spring', 'Spring form', :id)").bind("id", fed.id()).execute());

        JsonNode preview = Http.json(post("/api/v1/steps/" + fed.stepId() + "/preview", "{}"));
        assertEquals("From Spring form", preview.get("subject").asText());
        assertTrue(preview.get("html").asText().contains("<p>spring</p>"));
        assertEquals(0, preview.get("problems").size());
    }

    @Test
    void previewOfBrokenTemplateAnswers422() {
        Mailings.Sequence broken = Mailings.sequence(jdbi, "Broken", "Hi {{#name}}",
                "<p>x</p>", "");
        HttpResponse<String> response = post("/api/v1/steps/" + broken.stepId() + "/preview",
                "{}");
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("template_invalid", Http.json(response).get("error").get("code").asText());
    }

    @Test
    void previewOfUnknownStepAnswers404() {
        assertEquals(404, post("/api/v1/steps/999999/preview", "{}").statusCode());
    }

    @Test
    void tagStepRejectsPreviewAndTestSend() throws Exception {
        long stepId = Mailings.sequence(jdbi, "Tagging", "", "", "").stepId();
        jdbi.useHandle(h -> h.createUpdate("UPDATE steps SET action = 'add_tag', action_value ="
                + " 'warm' WHERE id = :id").bind("id", stepId).execute());

        HttpResponse<String> preview = post("/api/v1/steps/" + stepId + "/preview", "{}");
        assertEquals(422, preview.statusCode(), preview.body());
        JsonNode previewError = Http.json(preview).get("error");
        assertEquals("not_email_step", previewError.get("code").asText());
        assertEquals("add_tag", previewError.get("details").get("action").asText());
        assertTrue(previewError.get("message").asText().contains("is an add_tag step"),
                previewError.get("message").asText());

        HttpResponse<String> testSend = post("/api/v1/steps/" + stepId + "/test-send",
                "{\"to\": \"tag-test@example.com\"}");
        assertEquals(422, testSend.statusCode(), testSend.body());
        assertEquals("not_email_step", Http.json(testSend).get("error").get("code").asText());
        for (MimeMessage received : node.smtp().getReceivedMessages()) {
            assertFalse(java.util.Arrays.toString(received.getAllRecipients())
                    .contains("tag-test@example.com"));
        }
    }

    @Test
    void testSendIsMarkedAndRecordsNoEvent() throws Exception {
        HttpResponse<String> response = post("/api/v1/steps/" + sequence.stepId()
                + "/test-send", "{\"to\": \"qa@example.com\"}");
        assertEquals(202, response.statusCode(), response.body());

        MimeMessage received = Mailings.to(node.awaitEmails(1, Duration.ofSeconds(10)),
                "qa@example.com");
        assertEquals("[Test] Hi Ada from", received.getSubject());
        assertNotNull(received.getHeader("X-Tendril-Test"));
        long messages = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM messages WHERE subject LIKE '[Test]%'").mapTo(Long.class)
                .one());
        assertEquals(0L, messages);
        long leads = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM leads WHERE email = 'qa@example.com'").mapTo(Long.class)
                .one());
        assertEquals(0L, leads);

        String header = received.getHeader("List-Unsubscribe", ",");
        String unsubscribe = header.substring(header.indexOf('<') + 1, header.indexOf('>'));
        String path = unsubscribe.substring(unsubscribe.indexOf("/u/"));
        HttpResponse<String> page = node.http().get(path);
        HttpResponse<String> oneClick = node.http().postForm(path, "List-Unsubscribe=One-Click");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("from a test email"), page.body());
        assertEquals(200, oneClick.statusCode());
        assertTrue(oneClick.body().contains("from a test email"), oneClick.body());
    }

    @Test
    void testSendRejectsInvalidAddress() {
        HttpResponse<String> response = post("/api/v1/steps/" + sequence.stepId()
                + "/test-send", "{\"to\": \"not an address\"}");
        assertEquals(422, response.statusCode());
    }

    @Test
    void suppressionImportExportAndRemove() {
        HttpResponse<String> imported = post("/api/v1/suppressions",
                "{\"emails\": [\"Gone@Example.com\", \"bad address\"], \"reason\": \"bounce\"}");
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(1, Http.json(imported).get("added").asInt());
        assertEquals(1, Http.json(imported).get("invalid").size());

        HttpResponse<String> csv = node.http().send(node.http().request(
                "/api/v1/suppressions?reason=complaint", "Authorization", auth,
                "Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers
                        .ofString("\uFEFFemail\r\ncsv@example.com\r\n")).build());
        assertEquals(1, Http.json(csv).get("added").asInt(), csv.body());

        JsonNode exported = Http.json(node.http().get("/api/v1/suppressions",
                "Authorization", auth)).get("data");
        Map<String, String> reasons = new java.util.HashMap<>();
        exported.forEach(row -> reasons.put(row.get("email").asText(),
                row.get("reason").asText()));
        assertEquals("complaint", reasons.get("csv@example.com"));
        assertEquals("bounce", reasons.get("gone@example.com"));

        HttpResponse<String> removed = node.http().send(node.http().request(
                "/api/v1/suppressions/csv@example.com", "Authorization", auth).DELETE().build());
        assertEquals(204, removed.statusCode());
    }

    @Test
    void suppressedAddressIsNeverSent() throws Exception {
        post("/api/v1/suppressions", "{\"emails\": [\"blocked@example.com\"]}");
        Mailings.Sequence mailing = Mailings.sequence(jdbi, "Blocked", "Hi", "<p>Hi</p>", "");
        Mailings.enroll(jdbi, "blocked@example.com", "Blocked", mailing.id());
        Mailings.enroll(jdbi, "allowed@example.com", "Allowed", mailing.id());

        node.awaitEmails(1, Duration.ofSeconds(20));
        FeedbackMailboxTest.await(() -> "failed".equals(jdbi.withHandle(h -> h.createQuery(
                "SELECT m.status FROM messages m JOIN leads l ON l.id = m.lead_id WHERE"
                        + " l.email = 'blocked@example.com'").mapTo(String.class).findOne()
                .orElse(null))), "the blocked message to fail");
        for (MimeMessage message : node.smtp().getReceivedMessages()) {
            assertTrue(!String.join(",", message.getHeader("To")).contains("blocked@"));
        }
        HttpResponse<String> test = post("/api/v1/steps/" + mailing.stepId() + "/test-send",
                "{\"to\": \"blocked@example.com\"}");
        assertEquals(409, test.statusCode(), test.body());
    }

    private static HttpResponse<String> post(String path, String json) {
        return node.http().postJson(path, json, "Authorization", auth);
    }
}
