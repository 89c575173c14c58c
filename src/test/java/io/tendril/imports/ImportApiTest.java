package io.tendril.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV imports over real HTTP into real PostgreSQL. */
class ImportApiTest {

    private static TestNode node;
    private static Jdbi jdbi;
    private static String token;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        jdbi = node.tendril().database().jdbi();
        token = node.apiToken();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> post(byte[] csv, String query) {
        return node.http().send(node.http().request("/api/v1/imports" + query,
                "Authorization", "Bearer " + token, "Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build());
    }

    private static HttpResponse<String> post(String csv, String query) {
        return post(csv.getBytes(StandardCharsets.UTF_8), query);
    }

    private static JsonNode imported(String csv, String query) {
        HttpResponse<String> response = post(csv, query);
        assertEquals(201, response.statusCode(), response.body());
        return Http.json(response);
    }

    private static JsonNode lead(String email) {
        HttpResponse<String> response = node.http().get("/api/v1/leads?email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8), "Authorization",
                "Bearer " + token);
        JsonNode data = Http.json(response).get("data");
        assertEquals(1, data.size(), "one lead for " + email + ": " + response.body());
        return data.get(0);
    }

    private static JsonNode events(long leadId) {
        return Http.json(node.http().get("/api/v1/leads/" + leadId + "/events",
                "Authorization", "Bearer " + token)).get("data");
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Returns an address no other test uses. */
    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void byteOrderMarkIsNotPartOfEmail() {
        String email = unique("ann");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        csv.writeBytes(("email,name\r\n" + email + ",Ann\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post(csv.toByteArray(), "");

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(1, Http.json(response).get("created").asInt());
        JsonNode lead = lead(email);
        assertEquals(email, lead.get("email").asText());
        assertEquals("Ann", lead.get("name").asText());
        assertEquals(0, count("SELECT count(*) FROM leads WHERE email LIKE '%' || chr(65279)"
                + " || '%'"));
    }

    @Test
    void semicolonDelimiterIsDetected() {
        String email = unique("bo");

        JsonNode result = imported("email;name\n" + email + ";Bø\n", "");

        assertEquals(1, result.get("created").asInt());
        assertEquals(";", result.get("options").get("delimiter").asText());
        assertTrue(result.get("options").get("delimiter_detected").asBoolean());
        assertEquals("Bø", lead(email).get("name").asText());
    }

    @Test
    void wrongDelimiterNamesProblemAndWritesNothing() {
        String email = unique("bo");
        long leads = count("SELECT count(*) FROM leads");
        long imports = count("SELECT count(*) FROM imports");

        HttpResponse<String> response = post("email;name\n" + email + ";Bø\n",
                "?delimiter=,");

        assertEquals(422, response.statusCode(), response.body());
        JsonNode error = Http.json(response).get("error");
        assertEquals("invalid_header", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("'email;name'"),
                error.get("message").asText());
        assertTrue(error.get("message").asText().contains("semicolons"),
                error.get("message").asText());
        assertEquals(leads, count("SELECT count(*) FROM leads"));
        assertEquals(imports, count("SELECT count(*) FROM imports"));

        JsonNode next = imported("email;name\n" + email + ";Bø\n", "?delimiter=;");
        assertEquals(1, next.get("created").asInt());
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        String email = unique("quoted");
        String csv = "email,name,company,notes\r\n"
                + "\"" + email + "\",\"Smith, Jo\",\"Acme \"\"Rockets\"\"\",\"first line\r\n"
                + "second line\"\r\n";

        JsonNode result = imported(csv, "");

        assertEquals(1, result.get("rows").asInt());
        JsonNode lead = lead(email);
        assertEquals("Smith, Jo", lead.get("name").asText());
        assertEquals("Acme \"Rockets\"", lead.get("company").asText());
        assertEquals("first line  second line", lead.get("attributes").get("notes").asText());
    }

    @Test
    void blankLinesAndTrailingDelimitersAreIgnored() {
        String email = unique("trailing");
        String csv = "email,name,\r\n\r\n" + email + ",Tia,\r\n,,\r\n\r\n";

        JsonNode result = imported(csv, "");

        assertEquals(1, result.get("rows").asInt());
        assertEquals(1, result.get("created").asInt());
        assertEquals("Tia", lead(email).get("name").asText());
    }

    @Test
    void duplicateAddressesMakeOneLead() {
        String email = unique("dup");
        String csv = "email,name\n" + email + ",First\n" + unique("other") + ",Other\n"
                + email.toUpperCase(java.util.Locale.ROOT).replace("@EXAMPLE.COM", "@example.com")
                + ",Second\n";

        JsonNode result = imported(csv, "");

        assertEquals(3, result.get("rows").asInt());
        assertEquals(2, result.get("created").asInt());
        assertEquals(1, result.get("duplicates").asInt());
        JsonNode duplicate = result.get("duplicate_lines").get(0);
        assertEquals(2, duplicate.get("line").asInt());
        assertEquals(4, duplicate.get("kept_line").asInt());
        assertEquals("Second", lead(email).get("name").asText());
    }

    @Test
    void invalidRowRejectsWholeFile() {
        long leads = count("SELECT count(*) FROM leads");
        long events = count("SELECT count(*) FROM events");
        String csv = "email,name,stage\n" + unique("good") + ",Good,mql\n"
                + "not-an-address,Bad,mql\n" + unique("long") + "," + "x".repeat(300) + ",mql\n"
                + unique("stage") + ",Stage,Not A Stage\n";

        HttpResponse<String> response = post(csv, "");

        assertEquals(422, response.statusCode(), response.body());
        JsonNode error = Http.json(response).get("error");
        assertEquals("invalid_rows", error.get("code").asText());
        JsonNode details = error.get("details");
        assertEquals(4, details.get("rows").asInt());
        assertEquals(3, details.get("invalid_rows").asInt());
        JsonNode errors = details.get("errors");
        assertEquals(3, errors.size());
        assertEquals(3, errors.get(0).get("line").asInt());
        assertEquals("email", errors.get(0).get("column").asText());
        assertEquals("not-an-address", errors.get(0).get("value").asText());
        assertEquals(4, errors.get(1).get("line").asInt());
        assertEquals("name", errors.get(1).get("column").asText());
        assertTrue(errors.get(1).get("message").asText().contains("at most 255"));
        assertEquals("stage", errors.get(2).get("column").asText());
        assertEquals(leads, count("SELECT count(*) FROM leads"));
        assertEquals(events, count("SELECT count(*) FROM events"));
    }

    @Test
    void skipInvalidImportsValidRows() {
        String good = unique("good");
        String csv = "email,name\n" + good + ",Good\nnot-an-address,Bad\n";

        JsonNode result = imported(csv, "?skip_invalid=true");

        assertEquals(2, result.get("rows").asInt());
        assertEquals(1, result.get("created").asInt());
        assertEquals(1, result.get("skipped").asInt());
        assertEquals(3, result.get("skipped_lines").get(0).get("line").asInt());
        assertEquals("Good", lead(good).get("name").asText());
    }

    @Test
    void missingEmailColumnNamesColumnsFound() {
        HttpResponse<String> response = post("mail,name\na@example.com,A\n", "");

        assertEquals(422, response.statusCode(), response.body());
        JsonNode error = Http.json(response).get("error");
        assertTrue(error.get("message").asText().contains("'mail', 'name'"),
                error.get("message").asText());
        assertEquals("mail", error.get("details").get("columns").get(0).asText());
    }

    @Test
    void suppressedAddressStartsSuppressed() {
        String bounced = unique("bounced");
        String unsubscribed = unique("unsubscribed");
        jdbi.useHandle(h -> h.execute("INSERT INTO suppressions (email_key, reason) VALUES"
                + " (?, 'bounce'), (?, 'unsubscribe')", bounced, unsubscribed));

        imported("email\n" + bounced + "\n" + unsubscribed + "\n", "");

        assertEquals("bounced", lead(bounced).get("status").asText());
        assertEquals("unsubscribed", lead(unsubscribed).get("status").asText());
    }

    @Test
    void unsubscribedLeadKeepsStatus() {
        String email = unique("left");
        imported("email,name\n" + email + ",Before\n", "");
        jdbi.useHandle(h -> h.execute("UPDATE leads SET status = 'unsubscribed' WHERE email = ?",
                email));

        imported("email,name\n" + email + ",After\n", "?update=true");

        JsonNode lead = lead(email);
        assertEquals("unsubscribed", lead.get("status").asText());
        assertEquals("After", lead.get("name").asText());
    }

    @Test
    void existingLeadKeepsValuesWithoutUpdate() {
        String email = unique("known");
        imported("email,name,company\n" + email + ",Kim,Old Co\n", "");

        JsonNode result = imported("email,name,company,tags\n" + email + ",Other,New Co,vip\n",
                "?tags=fair-2026");

        assertEquals(0, result.get("created").asInt());
        assertEquals(1, result.get("updated").asInt());
        JsonNode lead = lead(email);
        assertEquals("Kim", lead.get("name").asText());
        assertEquals("Old Co", lead.get("company").asText());
        assertEquals(List.of("fair-2026", "vip"), strings(lead.get("tags")));
        long tagEvents = 0;
        for (JsonNode event : events(lead.get("id").asLong())) {
            tagEvents += event.get("type").asText().equals("tag") ? 1 : 0;
        }
        assertEquals(2, tagEvents);
    }

    @Test
    void updateFillsNamedColumns() {
        String email = unique("filled");
        imported("email,name,company,phone\n" + email + ",Kim,Old Co,+1 555 0100\n", "");

        JsonNode result = imported("email,name,company,stage,time_zone\n" + email
                + ",Kim Lee,,mql,Europe/Berlin\n", "?update=true");

        assertEquals(1, result.get("updated").asInt());
        JsonNode lead = lead(email);
        assertEquals("Kim Lee", lead.get("name").asText());
        assertEquals("Old Co", lead.get("company").asText());
        assertEquals("+1 555 0100", lead.get("phone").asText());
        assertEquals("mql", lead.get("stage").asText());
        assertEquals("Europe/Berlin", lead.get("time_zone").asText());
        JsonNode stageEvent = null;
        for (JsonNode event : events(lead.get("id").asLong())) {
            stageEvent = event.get("type").asText().equals("stage") ? event : stageEvent;
        }
        assertEquals("mql", stageEvent.get("data").get("stage").asText());
        assertEquals("new", stageEvent.get("data").get("from").asText());
        assertEquals("import", stageEvent.get("data").get("source").asText());
    }

    @Test
    void carriageReturnLinesAreRead() {
        String first = unique("cr");
        String second = unique("cr");

        JsonNode result = imported("email,name\r" + first + ",One\r" + second + ",Two", "");

        assertEquals(2, result.get("created").asInt());
        assertEquals("Two", lead(second).get("name").asText());
    }

    @Test
    void unchangedLeadIsCounted() {
        String email = unique("same");
        imported("email\n" + email + "\n", "");

        JsonNode result = imported("email\n" + email + "\n", "");

        assertEquals(0, result.get("updated").asInt());
        assertEquals(1, result.get("unchanged").asInt());
    }

    @Test
    void newLeadGetsImportEventAndNoEnrollment() throws Exception {
        String email = unique("quiet");

        JsonNode result = imported("email,name\n" + email + ",Quiet\n", "?tags=webinar");

        JsonNode lead = lead(email);
        assertEquals("active", lead.get("status").asText());
        assertEquals(List.of("webinar"), strings(lead.get("tags")));
        JsonNode events = events(lead.get("id").asLong());
        assertEquals(1, events.size(), events.toString());
        assertEquals("import", events.get(0).get("type").asText());
        assertEquals(result.get("id").asLong(),
                events.get(0).get("data").get("import_id").asLong());
        assertEquals(2, events.get(0).get("data").get("line").asInt());
        assertEquals(0, count("SELECT count(*) FROM enrollments WHERE lead_id = "
                + lead.get("id").asLong()));
        assertEquals(0, count("SELECT count(*) FROM messages WHERE lead_id = "
                + lead.get("id").asLong()));
        Thread.sleep(1500);
        for (var message : node.smtp().getReceivedMessages()) {
            assertFalse(message.getAllRecipients()[0].toString().equals(email));
        }
    }

    @Test
    void extraColumnsBecomeAttributes() {
        String email = unique("attrs");

        imported("Email , Plan,utm_source\n" + email + ",pro,newsletter\n", "");

        JsonNode attributes = lead(email).get("attributes");
        assertEquals("pro", attributes.get("Plan").asText());
        assertEquals("newsletter", attributes.get("utm_source").asText());
    }

    @Test
    void invalidAttributeColumnIsRejected() {
        HttpResponse<String> response = post("email," + "a".repeat(65) + "\n"
                + unique("a") + ",x\n", "");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("1 to 64 characters"), response.body());
    }

    @Test
    void multipartUploadTakesFormFields() {
        String email = unique("multipart");
        String boundary = "tendril-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"tags\"\r\n\r\nexpo\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"expo.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "email\tname\n" + email + "\tMia\n\r\n"
                + "--" + boundary + "--\r\n";

        HttpResponse<String> response = node.http().send(node.http().request("/api/v1/imports",
                "Authorization", "Bearer " + token,
                "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertEquals(201, response.statusCode(), response.body());
        JsonNode result = Http.json(response);
        assertEquals("expo.csv", result.get("file_name").asText());
        assertEquals("\t", result.get("options").get("delimiter").asText());
        assertEquals(List.of("expo"), strings(lead(email).get("tags")));
    }

    @Test
    void importsAreListedNewestFirst() {
        JsonNode first = imported("email\n" + unique("list") + "\n", "?file_name=one.csv");
        JsonNode second = imported("email\n" + unique("list") + "\n", "?file_name=two.csv");

        JsonNode listed = Http.json(node.http().get("/api/v1/imports?limit=2", "Authorization",
                "Bearer " + token)).get("data");
        JsonNode one = Http.json(node.http().get("/api/v1/imports/" + first.get("id").asLong(),
                "Authorization", "Bearer " + token));

        assertEquals(second.get("id").asLong(), listed.get(0).get("id").asLong());
        assertEquals(first.get("id").asLong(), listed.get(1).get("id").asLong());
        assertEquals("one.csv", one.get("file_name").asText());
        assertEquals(TestNode.ADMIN_EMAIL, one.get("user_email").asText());
        assertEquals(404, node.http().get("/api/v1/imports/999999", "Authorization",
                "Bearer " + token).statusCode());
    }

    @Test
    void importNeedsToken() {
        HttpResponse<String> response = node.http().send(node.http().request("/api/v1/imports",
                "Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("email\na@example.com\n")).build());

        assertEquals(401, response.statusCode());
        assertEquals(401, node.http().get("/api/v1/imports").statusCode());
    }

    @Test
    void otherBodyTypeIsUnsupported() {
        HttpResponse<String> response = node.http().postJson("/api/v1/imports",
                "{\"email\": \"a@example.com\"}", "Authorization", "Bearer " + token);

        assertEquals(415, response.statusCode(), response.body());
    }

    @Test
    void invalidUtf8NamesLine() {
        byte[] csv = "email,name\nx@example.com,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = post(csv, "");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("UTF-8"), response.body());
    }

    @Test
    void unclosedQuoteIsRejected() {
        HttpResponse<String> response = post("email,name\n" + unique("q") + ",\"Open\n", "");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("line 2"), response.body());
    }

    @Test
    void oversizedFileIsRejected() {
        long leads = count("SELECT count(*) FROM leads");
        String row = unique("big") + "," + "n".repeat(200) + "," + "v".repeat(1500) + "\n";
        int rows = (int) (ImportService.MAX_BYTES / row.length()) + 10;
        InputStream header = new java.io.ByteArrayInputStream("email,name,note\n"
                .getBytes(StandardCharsets.UTF_8));
        List<InputStream> parts = IntStream.range(0, rows).mapToObj(i ->
                (InputStream) new java.io.ByteArrayInputStream(row.getBytes(
                        StandardCharsets.UTF_8))).toList();
        InputStream all = new SequenceInputStream(header, new SequenceInputStream(
                Collections.enumeration(parts)));

        HttpResponse<String> response = node.http().send(node.http().request("/api/v1/imports",
                "Authorization", "Bearer " + token, "Content-Type", "text/csv")
                .timeout(java.time.Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> all)).build());

        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("50 MB"), response.body());
        assertEquals(leads, count("SELECT count(*) FROM leads"));
    }

    @Test
    void oversizedUploadIsRejected() {
        String boundary = "tendril-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\nemail,note\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] row = (unique("big") + "," + "v".repeat(1000) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        int rows = (int) (ImportService.MAX_BYTES / row.length) + 10;
        List<InputStream> parts = new java.util.ArrayList<>();
        parts.add(new java.io.ByteArrayInputStream(head));
        for (int i = 0; i < rows; i++) {
            parts.add(new java.io.ByteArrayInputStream(row));
        }
        parts.add(new java.io.ByteArrayInputStream(tail));
        InputStream all = new SequenceInputStream(Collections.enumeration(parts));

        HttpResponse<String> response = node.http().send(node.http().request("/api/v1/imports",
                "Authorization", "Bearer " + token,
                "Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(java.time.Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> all)).build());

        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("50 MB"), response.body());
    }

    @Test
    void tooManyRowsAreRejected() {
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i <= ImportService.MAX_ROWS; i++) {
            csv.append("x\n");
        }

        HttpResponse<String> response = post(csv.toString(), "");

        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("more than 1,000,000 data rows"), response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
