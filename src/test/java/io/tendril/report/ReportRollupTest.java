package io.tendril.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollup counters against a direct count over the events, for leads captured by two forms
 * from two campaigns, sent two of three steps on two days by the real due pass, and opened,
 * clicked, bounced, unsubscribed and converted over real HTTP.
 */
class ReportRollupTest {

    private static final String RANGE = ReportFixture.RANGE;
    private static final List<String> EMAIL_FIGURES = List.of("sent", "failed", "bounced",
            "complaints", "unsubscribes", "human_opens", "human_clicks", "machine_opens",
            "machine_clicks");

    private static ReportFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ReportFixture();
        for (int i = 1; i <= 6; i++) {
            fixture.submit("webinar", "web" + i + "@example.com", "google", "cpc", "spring");
        }
        for (int i = 1; i <= 4; i++) {
            fixture.submit("ebook", "book" + i + "@example.com", "newsletter", "email", "fall");
        }
        // A known lead signs up again: a submission, but no new lead.
        fixture.submit("webinar", "web1@example.com", "google", "cpc", "spring");
        for (int i = 1; i <= 3; i++) {
            fixture.confirm("book" + i + "@example.com");
        }

        List<Long> first = fixture.awaitSent(1, 9);
        engage(first);
        fixture.convert(first.get(7));
        fixture.convert(first.get(8));

        fixture.advance(Duration.ofDays(1).plusMinutes(5));
        List<Long> second = fixture.awaitSent(2, 6);
        fixture.open(second.get(0), ReportFixture.BROWSER);
        fixture.click(second.get(1), ReportFixture.BROWSER);
        fixture.open(second.get(2), ReportFixture.PROXY);
        fixture.convert(second.get(3));
    }

    /**
     * Opens and clicks step 1's emails the ways leads and machines do: repeated opens, a click
     * with images blocked, proxies and scanners, and one of each bounce, complaint and
     * unsubscribe.
     */
    private static void engage(List<Long> messages) {
        fixture.open(messages.get(0), ReportFixture.BROWSER);
        fixture.open(messages.get(0), ReportFixture.BROWSER);
        fixture.open(messages.get(0), ReportFixture.PROXY);
        fixture.click(messages.get(0), ReportFixture.BROWSER);
        fixture.click(messages.get(0), ReportFixture.BROWSER);
        fixture.click(messages.get(1), ReportFixture.BROWSER);
        fixture.open(messages.get(2), ReportFixture.PROXY);
        fixture.click(messages.get(2), ReportFixture.SCANNER);
        fixture.open(messages.get(3), ReportFixture.BROWSER);
        fixture.click(messages.get(3), ReportFixture.SCANNER);
        fixture.feedback(messages.get(4), "bounce");
        fixture.feedback(messages.get(4), "bounce");
        fixture.feedback(messages.get(5), "complaint");
        fixture.open(messages.get(6), ReportFixture.BROWSER);
        fixture.unsubscribe(messages.get(6));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void stepFiguresMatchDirectCount() {
        fixture.rollUp();

        JsonNode report = fixture.report("/api/v1/reports/sequences/" + fixture.sequenceId
                + "?" + RANGE);
        Map<Long, Map<String, Long>> expected = directStepCounts();
        assertEquals(3, report.get("steps").size());
        for (JsonNode step : report.get("steps")) {
            Map<String, Long> counts = expected.getOrDefault(step.get("id").asLong(), Map.of());
            for (String figure : EMAIL_FIGURES) {
                assertEquals(counts.getOrDefault(figure, 0L), step.get(figure).asLong(),
                        "step " + step.get("position") + " " + figure);
            }
        }
        JsonNode stepOne = report.get("steps").get(0);
        assertEquals(9, stepOne.get("sent").asLong());
        assertEquals(4, stepOne.get("human_opens").asLong());
        assertEquals(2, stepOne.get("human_clicks").asLong());
        assertEquals(2, stepOne.get("machine_opens").asLong());
        assertEquals(2, stepOne.get("machine_clicks").asLong());
        assertEquals(1, stepOne.get("bounced").asLong());
        assertEquals(8, stepOne.get("delivered").asLong());
        assertEquals(0.5, stepOne.get("open_rate").asDouble());
        assertEquals(0.25, stepOne.get("click_rate").asDouble());
    }

    @Test
    void sequenceTotalsAndSeriesMatchDirectCount() {
        fixture.rollUp();

        JsonNode totals = fixture.report("/api/v1/reports/sequences?" + RANGE).get("data").get(0);
        Map<String, Long> expected = new HashMap<>();
        directStepCounts().values().forEach(counts -> counts.forEach(
                (figure, count) -> expected.merge(figure, count, Long::sum)));
        for (String figure : EMAIL_FIGURES) {
            assertEquals(expected.getOrDefault(figure, 0L), totals.get(figure).asLong(), figure);
        }
        assertEquals(15, totals.get("sent").asLong());
        assertEquals(3, totals.get("conversions").asLong());

        JsonNode days = fixture.report("/api/v1/reports/sequences/" + fixture.sequenceId
                + "?" + RANGE).get("days");
        assertEquals(5, days.size());
        assertEquals(ReportFixture.TODAY.toString(), days.get(1).get("day").asText());
        assertEquals(0, days.get(0).get("sent").asLong());
        assertEquals(9, days.get(1).get("sent").asLong());
        assertEquals(4, days.get(1).get("human_opens").asLong());
        assertEquals(6, days.get(2).get("sent").asLong());
        assertEquals(0, days.get(3).get("sent").asLong());
        long conversions = 0;
        long opens = 0;
        for (JsonNode day : days) {
            conversions += day.get("conversions").asLong();
            opens += day.get("human_opens").asLong();
        }
        assertEquals(3, conversions);
        assertEquals(totals.get("human_opens").asLong(), opens);
    }

    @Test
    void formFiguresMatchDirectCount() {
        fixture.rollUp();

        JsonNode forms = fixture.report("/api/v1/reports/forms?" + RANGE).get("data");
        Map<String, JsonNode> bySlug = new HashMap<>();
        forms.forEach(form -> bySlug.put(form.get("slug").asText(), form));
        JsonNode webinar = bySlug.get("webinar");
        JsonNode ebook = bySlug.get("ebook");
        assertEquals(7, webinar.get("submissions").asLong());
        assertEquals(6, webinar.get("new_leads").asLong());
        assertEquals(0, webinar.get("confirmed").asLong());
        assertEquals(4, ebook.get("submissions").asLong());
        assertEquals(4, ebook.get("new_leads").asLong());
        assertEquals(3, ebook.get("confirmed").asLong());
        for (JsonNode form : List.of(webinar, ebook)) {
            long formId = form.get("id").asLong();
            assertEquals(count("SELECT count(*) FROM submissions WHERE form_id = " + formId),
                    form.get("submissions").asLong(), "submissions of " + formId);
            assertEquals(count("SELECT count(*) FROM enrollments WHERE form_id = " + formId
                    + " AND exit_reason = 'goal'"), form.get("conversions").asLong(),
                    "conversions of " + formId);
        }
    }

    @Test
    void campaignFiguresMatchDirectCount() {
        fixture.rollUp();

        JsonNode campaigns = fixture.report("/api/v1/reports/campaigns?" + RANGE).get("data");
        assertEquals(2, campaigns.size());
        for (JsonNode campaign : campaigns) {
            String name = campaign.get("utm_campaign").asText();
            String lead = "l.first_touch ->> 'utm_campaign' = '" + name + "'";
            assertEquals(count("SELECT count(*) FROM leads l WHERE " + lead),
                    campaign.get("leads").asLong(), name + " leads");
            assertEquals(count("SELECT count(*) FROM submissions s JOIN leads l"
                    + " ON l.id = s.lead_id WHERE " + lead), campaign.get("submissions")
                    .asLong(), name + " submissions");
            assertEquals(count("SELECT count(*) FROM events e JOIN leads l ON l.id = e.lead_id"
                    + " WHERE e.type = 'sent' AND " + lead), campaign.get("sent").asLong(),
                    name + " sent");
            assertEquals(count("SELECT count(DISTINCT e.message_id) FROM events e JOIN leads l"
                    + " ON l.id = e.lead_id WHERE e.type IN ('open', 'click') AND e.human AND "
                    + lead), campaign.get("human_opens").asLong(), name + " human opens");
            assertEquals(count("SELECT count(DISTINCT e.message_id) FROM events e JOIN leads l"
                    + " ON l.id = e.lead_id WHERE e.type = 'click' AND e.human AND " + lead),
                    campaign.get("human_clicks").asLong(), name + " human clicks");
            assertEquals(count("SELECT count(*) FROM enrollments e JOIN leads l"
                    + " ON l.id = e.lead_id WHERE e.exit_reason = 'goal' AND " + lead),
                    campaign.get("conversions").asLong(), name + " conversions");
        }
        assertEquals("google", campaigns.get(0).get("utm_source").asText());
        assertEquals(6, campaigns.get(0).get("leads").asLong());
    }

    @Test
    void rerunAndConcurrentRunsCountOnce() throws Exception {
        fixture.rollUp();
        JsonNode before = fixture.report("/api/v1/reports/sequences?" + RANGE).get("data");

        assertEquals(0, fixture.rollUp());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Long>> runs = List.of(fixture::rollUp, fixture::rollUp);
            for (Future<Long> run : pool.invokeAll(runs)) {
                assertEquals(0L, run.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(before, fixture.report("/api/v1/reports/sequences?" + RANGE).get("data"));
    }

    @Test
    void concurrentRunsOverNewEventsCountEachOnce() throws Exception {
        fixture.rollUp();
        List<Long> messages = fixture.awaitSent(2, 6);
        long clicksBefore = stepFigure(2, "machine_clicks");
        fixture.click(messages.get(4), ReportFixture.SCANNER);
        fixture.click(messages.get(4), ReportFixture.SCANNER);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Long> moved = new ArrayList<>();
        try {
            List<Callable<Long>> runs = List.of(fixture::rollUp, fixture::rollUp);
            for (Future<Long> run : pool.invokeAll(runs)) {
                moved.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(moved.contains(0L), "one run found nothing left: " + moved);
        assertEquals(clicksBefore + 1, stepFigure(2, "machine_clicks"));
    }

    @Test
    void eventsAfterPassCountInNextPass() {
        fixture.rollUp();
        List<Long> messages;
        try {
            messages = fixture.awaitSent(2, 6);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        long opensBefore = stepFigure(2, "human_opens");
        fixture.open(messages.get(3), ReportFixture.BROWSER);

        assertEquals(opensBefore, stepFigure(2, "human_opens"));
        fixture.rollUp();
        assertEquals(opensBefore + 1, stepFigure(2, "human_opens"));
    }

    @Test
    void commitLagHoldsBackRecentEvents() {
        fixture.rollUp();
        List<Long> messages;
        try {
            messages = fixture.awaitSent(2, 6);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        long opensBefore = stepFigure(2, "machine_opens");
        fixture.open(messages.get(4), ReportFixture.PROXY);

        assertEquals(0, new ReportRollup(fixture.jdbi, Duration.ofHours(1)).run());
        assertEquals(opensBefore, stepFigure(2, "machine_opens"));
        fixture.rollUp();
        assertEquals(opensBefore + 1, stepFigure(2, "machine_opens"));
    }

    private static long stepFigure(int position, String figure) {
        JsonNode steps = fixture.report("/api/v1/reports/sequences/" + fixture.sequenceId + "?"
                + RANGE).get("steps");
        for (JsonNode step : steps) {
            if (step.get("position").asInt() == position) {
                return step.get(figure).asLong();
            }
        }
        throw new AssertionError("No step at position " + position);
    }

    /** Counts each step's figures straight from the events, as the rollup must. */
    private static Map<Long, Map<String, Long>> directStepCounts() {
        return fixture.jdbi.withHandle(h -> {
            Map<Long, Map<String, Long>> counts = new HashMap<>();
            h.createQuery("""
                    SELECT m.step_id,
                           count(*) FILTER (WHERE e.type = 'sent') AS sent,
                           count(*) FILTER (WHERE e.type = 'failed') AS failed,
                           count(DISTINCT e.message_id) FILTER (WHERE e.type = 'bounce')
                               AS bounced,
                           count(DISTINCT e.message_id) FILTER (WHERE e.type = 'complaint')
                               AS complaints,
                           count(DISTINCT e.message_id) FILTER (WHERE e.type = 'unsubscribe')
                               AS unsubscribes,
                           count(DISTINCT e.message_id)
                               FILTER (WHERE e.type IN ('open', 'click') AND e.human)
                               AS human_opens,
                           count(DISTINCT e.message_id) FILTER (WHERE e.type = 'click'
                               AND e.human) AS human_clicks,
                           count(DISTINCT e.message_id) FILTER (WHERE e.type = 'open'
                               AND NOT e.human) AS machine_opens,
                           count(DISTINCT e.message_id) FILTER (WHERE e.type = 'click'
                               AND NOT e.human) AS machine_clicks
                    FROM events e
                    JOIN messages m ON m.id = e.message_id
                    GROUP BY m.step_id""").mapToMap().forEach(row -> {
                        Map<String, Long> figures = new HashMap<>();
                        for (String figure : EMAIL_FIGURES) {
                            figures.put(figure, ((Number) row.get(figure)).longValue());
                        }
                        counts.put(((Number) row.get("step_id")).longValue(), figures);
                    });
            return counts;
        });
    }

    private static long count(String sql) {
        return fixture.jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
