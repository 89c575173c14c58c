package io.tendril.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollup scores leads from their human events: a submission, the first human open and
 * click of each email, and an unsubscribe; machine traffic and repeats add nothing, and a
 * second pass changes no score.
 */
class LeadScoreTest {

    private static ReportFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ReportFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static int score(String email) {
        return fixture.jdbi.withHandle(h -> h.createQuery(
                "SELECT score FROM leads WHERE email = :email").bind("email", email)
                .mapTo(Integer.class).one());
    }

    private static long message(String email) {
        return fixture.jdbi.withHandle(h -> h.createQuery("SELECT m.id FROM messages m"
                + " JOIN leads l ON l.id = m.lead_id WHERE l.email = :email")
                .bind("email", email).mapTo(Long.class).one());
    }

    @Test
    void humanEngagementScores() throws Exception {
        fixture.submit("webinar", "reader@example.com", "ads", "cpc", "spring");
        fixture.submit("webinar", "proxied@example.com", "ads", "cpc", "spring");
        fixture.awaitSent(1, 2);
        long reader = message("reader@example.com");
        long proxied = message("proxied@example.com");
        fixture.open(reader, ReportFixture.BROWSER);
        fixture.open(reader, ReportFixture.BROWSER);
        fixture.click(reader, ReportFixture.BROWSER);
        fixture.click(reader, ReportFixture.BROWSER);
        fixture.open(proxied, ReportFixture.PROXY);
        fixture.click(proxied, ReportFixture.SCANNER);
        fixture.rollUp();

        int readerScore = score("reader@example.com");
        assertEquals(5 + 1 + 3, readerScore);
        assertEquals(5, score("proxied@example.com"));
        fixture.rollUp();
        assertEquals(readerScore, score("reader@example.com"), "a second pass adds nothing");

        fixture.unsubscribe(reader);
        fixture.rollUp();
        assertEquals(5 + 1 + 3 - 10, score("reader@example.com"));
    }
}
