package io.tendril.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CSV export of leads streams every lead but erased ones with the import's columns plus
 * status, score and attribution, defuses spreadsheet formulas, filters by status, stage and tag,
 * and one lead's data exports as a single JSON document.
 */
class LeadExportTest {

    private static final String FORM = """
            {"slug": "export", "name": "Export", "fields": [
              {"name": "email", "type": "email"}, {"name": "name", "type": "text"},
              {"name": "company", "type": "text"}, {"name": "phone", "type": "phone"}],
             "spam": {"require_render_token": false, "min_fill_seconds": 0}}""";

    private static TestNode node;
    private static String token;
    private static long vip;
    private static long erased;

    @BeforeAll
    static void start() {
        node = TestNode.start(java.util.Map.of("TENDRIL_DEMO", "false"));
        token = node.apiToken();
        assertEquals(201, call("POST", "/api/v1/forms", FORM).statusCode());
        signUp("{\"email\": \"ana@example.com\", \"name\": \"=HYPERLINK(\\\"http://x\\\")\","
                + " \"company\": \"Acme, \\\"Inc\\\"\", \"phone\": \"+49 30 1234\","
                + " \"utm_source\": \"podcast\"}");
        signUp("{\"email\": \"ben@example.com\", \"name\": \"Ben\"}");
        signUp("{\"email\": \"cy@example.com\", \"name\": \"Cy\"}");
        vip = id("ben@example.com");
        assertEquals(200, call("PATCH", "/api/v1/leads/" + vip, "{\"stage\": \"mql\","
                + " \"add_tags\": [\"vip\"], \"attributes\": {\"plan\": \"pro\"}}").statusCode());
        erased = id("cy@example.com");
        assertEquals(204, call("DELETE", "/api/v1/leads/" + erased, null).statusCode());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> call(String method, String path, String json) {
        return node.http().send(node.http().request(path, "Authorization", "Bearer " + token,
                "Content-Type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static void signUp(String json) {
        assertEquals(200, node.http().postJson("/f/export", json).statusCode());
    }

    private static long id(String email) {
        return Http.json(call("GET", "/api/v1/leads?email=" + email, null)).get("data").get(0)
                .get("id").asLong();
    }

    private static List<String> lines(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return List.of(response.body().split("\r\n"));
    }

    @Test
    void exportListsLeadsAsCsv() {
        HttpResponse<String> response = call("GET", "/api/v1/exports/leads", null);
        List<String> lines = lines(response);

        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(
                "text/csv"));
        assertTrue(response.headers().firstValue("Content-Disposition").orElse("")
                .startsWith("attachment; filename=\"leads-"));
        assertEquals("id,email,name,phone,company,time_zone,stage,tags,score,status,created_at,"
                + "first_utm_source,first_utm_medium,first_utm_campaign,plan", lines.get(0));
        assertEquals(3, lines.size(), response.body());
        assertTrue(lines.get(1).contains(",ana@example.com,\"'=HYPERLINK(\"\"http://x\"\")\","
                + "+49 30 1234,\"Acme, \"\"Inc\"\"\","), lines.get(1));
        assertTrue(lines.get(1).contains(",podcast,,,"), lines.get(1));
        assertTrue(lines.get(2).startsWith(vip + ",ben@example.com,Ben,,,,mql,vip,0,active,"),
                lines.get(2));
        assertTrue(lines.get(2).endsWith(",pro"), lines.get(2));
        assertFalse(response.body().contains("cy@example.com"));
    }

    @Test
    void exportImportsAgainAsItIs() {
        String csv = call("GET", "/api/v1/exports/leads", null).body();
        HttpResponse<String> imported = node.http().send(node.http().request(
                "/api/v1/imports?update=true", "Authorization", "Bearer " + token,
                "Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
        assertEquals(201, imported.statusCode(), imported.body());

        assertEquals(lines(call("GET", "/api/v1/exports/leads", null)).get(0),
                lines(call("GET", "/api/v1/exports/leads", null)).get(0));
        assertTrue(lines(call("GET", "/api/v1/exports/leads", null)).get(0).endsWith(
                "first_utm_campaign,plan"), "no export column became an attribute");
    }

    @Test
    void tagWithCommaIsRefused() {
        HttpResponse<String> response = call("PATCH", "/api/v1/leads/" + vip,
                "{\"add_tags\": [\"ok\", \"x,y\"]}");

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(Http.json(response).at("/error/details/fields/add_tags[1]").asText()
                .contains("contains a comma"), response.body());
        assertFalse(Http.json(call("GET", "/api/v1/leads/" + vip, null)).get("tags").toString()
                .contains("ok"), "nothing is written");
    }

    @Test
    void exportFiltersByTagAndStatus() {
        assertEquals(2, lines(call("GET", "/api/v1/exports/leads?tag=vip", null)).size());
        assertEquals(2, lines(call("GET", "/api/v1/exports/leads?stage=mql", null)).size());
        assertEquals(1, lines(call("GET", "/api/v1/exports/leads?status=bounced", null)).size());

        HttpResponse<String> bad = call("GET", "/api/v1/exports/leads?status=gone", null);
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("'gone' is not one of"), bad.body());
    }

    @Test
    void exportNeedsSignIn() {
        assertEquals(401, node.http().get("/api/v1/exports/leads").statusCode());
        assertEquals(303, node.http().get("/admin/leads.csv").statusCode());
    }

    @Test
    void leadDataExportsAsJson() {
        HttpResponse<String> response = call("GET", "/api/v1/leads/" + vip + "/export", null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode bundle = Http.json(response);

        assertEquals("ben@example.com", bundle.at("/lead/email").asText());
        assertEquals(1, bundle.get("submissions").size());
        assertEquals("export", bundle.at("/submissions/0/form").asText());
        assertTrue(bundle.get("events").size() >= 2, bundle.get("events").toString());
        assertTrue(bundle.has("consents"));
    }

    @Test
    void formulaCellsAreDefused() {
        assertEquals("'=1+2", LeadExport.cell("=1+2"));
        assertEquals("'@SUM(A1)", LeadExport.cell("@SUM(A1)"));
        assertEquals("'-2+3", LeadExport.cell("-2+3"));
        assertEquals("+1 (555) 010-9999", LeadExport.cell("+1 (555) 010-9999"));
        assertEquals("-42", LeadExport.cell("-42"));
        assertEquals("\"a,b\"", LeadExport.cell("a,b"));
        assertEquals("", LeadExport.cell(null));
    }
}
