package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.delivery.Await;
import io.tendril.report.ReportRollup;
import io.tendril.support.Mailings;
import io.tendril.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A marketer in Chromium opens the reports page after a lead signed up through the demo form
 * from a campaign and opened the welcome email: the sequence, its steps, the form and the
 * campaign show their figures, right-aligned, with rates as percentages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminReportsBrowserTest {

    private static final String BROWSER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    private TestNode node;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        node = TestNode.start();
        browser = Browser.start(1400, 1100);

        assertEquals(200, node.http().postJson("/f/demo", "{\"email\": \"rita@example.com\","
                + " \"name\": \"Rita\", \"consent\": true, \"utm_source\": \"podcast\","
                + " \"utm_medium\": \"audio\", \"utm_campaign\": \"launch\"}").statusCode());
        MimeMessage welcome = node.awaitEmails(1, Duration.ofSeconds(20))[0];
        Matcher pixel = Pattern.compile("/t/o/[A-Za-z0-9_-]+\\.gif")
                .matcher(Mailings.part(welcome, "text/html"));
        assertTrue(pixel.find(), "no open pixel");
        assertEquals(200, node.http().get(pixel.group(), "User-Agent", BROWSER_AGENT)
                .statusCode());
        // The sender records the 'sent' event after the SMTP server has the email, so the test
        // waits for it before the rollup counts.
        Await.until("the sent event is recorded", Duration.ofSeconds(20), () -> node.tendril()
                .database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events"
                        + " WHERE type = 'sent'").mapTo(Integer.class).one()) == 1);
        new ReportRollup(node.tendril().database().jdbi(), Duration.ZERO).run();

        browser.driver().get(node.tendril().baseUrl() + "/admin/reports");
        browser.await(d -> d.findElements(By.id("password")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
        browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/admin/reports") ? true : null);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    @Test
    void reportsPageShowsFigures() {
        browser.driver().get(node.tendril().baseUrl() + "/admin/reports");
        String page = browser.await(d -> d.findElement(By.tagName("main")).getText());
        browser.screenshot("admin-reports");

        List<WebElement> sequenceRows = browser.driver().findElements(
                By.cssSelector("#sequences-heading + div tr.total"));
        assertEquals(1, sequenceRows.size());
        List<String> cells = sequenceRows.get(0).findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList();
        assertEquals("1", cells.get(0), "sent");
        assertEquals("1", cells.get(4), "human opens");
        assertEquals("100.0%", cells.get(5), "open rate");
        assertEquals("0.0%", cells.get(7), "click rate");
        assertTrue(page.contains("Step 1 (version 1): Welcome"), page);
        assertTrue(page.contains("Step 2 (version 1)"), page);
        assertTrue(page.contains("podcast"), page);
        assertTrue(page.contains("launch"), page);
        assertEquals("right", sequenceRows.get(0).findElement(By.cssSelector("td.num"))
                .getCssValue("text-align"));
        assertEquals("page", browser.driver().findElement(By.linkText("Reports"))
                .getDomAttribute("aria-current"));
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
    }

    @Test
    void invalidRangeShowsError() {
        browser.driver().get(node.tendril().baseUrl()
                + "/admin/reports?from=2026-05-10&to=2026-05-01");
        String alert = browser.await(d -> d.findElement(By.cssSelector("[role=alert]"))
                .getText());
        browser.screenshot("admin-reports-invalid-range");

        assertTrue(alert.startsWith("Invalid to: Must be on or after from (2026-05-10)"), alert);
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
    }
}
