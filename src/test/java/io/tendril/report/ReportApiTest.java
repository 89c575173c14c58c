package io.tendril.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports API's parameters, formats and authentication over real HTTP. */
class ReportApiTest {

    private static TestNode node;
    private static String token;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        token = node.apiToken();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> get(String path) {
        return node.http().get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void reportsRequireToken() {
        for (String path : List.of("/api/v1/reports/sequences", "/api/v1/reports/sequences/1",
                "/api/v1/reports/forms", "/api/v1/reports/campaigns")) {
            assertEquals(401, node.http().get(path).statusCode(), path);
            assertEquals(401, node.http().get(path, "Authorization", "Bearer wrong")
                    .statusCode(), path);
        }
    }

    @Test
    void defaultRangeIsLastThirtyDays() {
        JsonNode report = Http.json(get("/api/v1/reports/forms"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertEquals(today.toString(), report.get("to").asText());
        assertEquals(today.minusDays(29).toString(), report.get("from").asText());
        assertTrue(report.hasNonNull("rolled_up_at"));
        assertEquals("demo", report.get("data").get(0).get("slug").asText());
    }

    @Test
    void invalidDatesNameTheirParameter() {
        String[][] cases = {
            {"from=2026-13-01", "from"},
            {"from=yesterday", "from"},
            {"to=2026-02-30", "to"},
            {"from=2026-03-10&to=2026-03-09", "to"},
            {"from=2025-01-01&to=2026-01-02", "from"},
            {"format=xml", "format"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = get("/api/v1/reports/campaigns?" + c[0]);
            assertEquals(422, response.statusCode(), c[0]);
            JsonNode fields = Http.json(response).get("error").get("details").get("fields");
            assertTrue(fields.has(c[1]), c[0] + " names " + c[1] + ": " + response.body());
        }
    }

    @Test
    void fullYearRangeIsAccepted() {
        assertEquals(200, get("/api/v1/reports/sequences?from=2025-01-01&to=2026-01-01")
                .statusCode());
    }

    @Test
    void unknownSequenceIsNotFound() {
        assertEquals(404, get("/api/v1/reports/sequences/999999").statusCode());
        assertEquals(404, get("/api/v1/reports/sequences/abc").statusCode());
    }

    @Test
    void csvHasHeaderAndRows() {
        HttpResponse<String> response = get("/api/v1/reports/sequences?format=csv");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/csv"));
        String[] lines = response.body().split("\r\n");
        assertTrue(lines[0].startsWith("id,key,name,status,version,sent,failed,bounced"),
                lines[0]);
        assertTrue(lines.length >= 2, response.body());
    }

    @Test
    void sequenceCsvIsDailySeries() {
        long id = Http.json(get("/api/v1/reports/sequences")).get("data").get(0).get("id")
                .asLong();

        HttpResponse<String> response = get("/api/v1/reports/sequences/" + id
                + "?from=2026-01-01&to=2026-01-07&format=csv");

        String[] lines = response.body().split("\r\n");
        assertEquals("day,sent,bounced,human_opens,human_clicks,conversions", lines[0]);
        assertEquals(8, lines.length);
        assertEquals("2026-01-01,0,0,0,0,0", lines[1]);
    }
}
