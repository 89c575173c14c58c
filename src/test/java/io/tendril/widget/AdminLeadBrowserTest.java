package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * A marketer in Chromium signs in to the admin and opens a lead who used the demo form: the
 * page shows the lead's attribution, tags, its enrollment in the welcome sequence, its consent
 * and the welcome email on its timeline. Erasing the lead there leaves no name or address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminLeadBrowserTest {

    private TestNode node;
    private Browser browser;

    @BeforeAll
    void start() {
        node = TestNode.start();
        browser = Browser.start(1200, 1400);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    @Test
    void leadPageShowsEnrollmentAndConsent() {
        assertEquals(200, node.http().postJson("/f/demo", "{\"email\": \"lena@example.com\","
                + " \"name\": \"Lena Lind\", \"consent\": true, \"utm_source\": \"podcast\"}")
                .statusCode());
        node.awaitEmails(1, Duration.ofSeconds(20));
        long leadId = Http.json(node.http().get("/api/v1/leads?email=lena@example.com",
                "Authorization", "Bearer " + node.apiToken())).get("data").get(0).get("id")
                .asLong();

        browser.driver().get(node.tendril().baseUrl() + "/admin/leads/" + leadId);
        browser.await(d -> d.findElements(By.id("password")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
        browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        String page = browser.await(d -> d.getCurrentUrl().endsWith("/admin/leads/" + leadId)
                ? d.findElement(By.tagName("main")).getText() : null);
        browser.screenshot("admin-lead");

        assertTrue(page.contains("form: demo, utm_source: podcast · 20"), page);
        assertTrue(page.contains("Welcome"), page);
        assertTrue(page.contains("step 2"), page);
        assertTrue(page.contains("Yes, send me the welcome emails."), page);
        assertTrue(page.contains("Welcome to Tendril, Lena!"), page);

        browser.driver().get(node.tendril().baseUrl() + "/admin/leads");
        browser.driver().findElement(By.id("q")).sendKeys("LIND");
        browser.driver().findElement(By.cssSelector("form.search button")).click();
        String found = browser.await(d -> d.getCurrentUrl().contains("q=LIND")
                ? d.findElement(By.tagName("main")).getText() : null);
        assertTrue(found.contains("lena@example.com"), found);
        browser.driver().get(node.tendril().baseUrl() + "/admin/leads?q=100%25_nobody");
        String none = browser.driver().findElement(By.tagName("main")).getText();
        assertTrue(none.contains("No lead matches."), none);

        browser.driver().get(node.tendril().baseUrl() + "/admin/leads/" + leadId);
        browser.driver().findElement(By.name("confirm")).click();
        browser.driver().findElement(By.cssSelector("form.erase button")).click();
        String erased = browser.await(d -> d.getTitle().startsWith("Erased lead")
                ? d.findElement(By.tagName("main")).getText() : null);
        browser.screenshot("admin-lead-erased");
        assertTrue(erased.contains("Erased lead " + leadId), erased);
        assertFalse(erased.contains("lena@example.com"), erased);
        assertFalse(erased.contains("Lena Lind"), erased);
    }

    @Test
    void leadListFiltersByStageAndTag() {
        long vip = signUp("vera.vip@example.com");
        signUp("olga.other@example.com");
        assertEquals(200, patch(vip, "{\"stage\": \"sql\", \"add_tags\": [\"vip\"]}"));

        open("/admin/leads");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("status")))
                .selectByVisibleText("active");
        browser.driver().findElement(By.id("stage")).sendKeys("sql");
        browser.driver().findElement(By.id("tag")).sendKeys("vip");
        browser.driver().findElement(By.xpath("//button[normalize-space()='Filter']")).click();
        String page = browser.await(d -> d.getCurrentUrl().contains("tag=vip")
                ? d.findElement(By.tagName("main")).getText() : null);
        browser.screenshot("admin-leads-filtered");
        String export = browser.driver().findElement(By.partialLinkText("Export the leads"))
                .getDomAttribute("href");

        assertTrue(page.contains("vera.vip@example.com"), page);
        assertFalse(page.contains("olga.other@example.com"), page);
        assertEquals("/admin/leads.csv?status=active&stage=sql&tag=vip", export);
        assertEquals("sql", browser.driver().findElement(By.id("stage")).getDomProperty("value"));
        assertEquals("active", browser.driver().findElement(By.cssSelector(
                "#status option:checked")).getText());
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        open("/admin/leads?stage=Not+A+Stage");
        String invalid = browser.driver().findElement(By.cssSelector("[role=alert]")).getText();
        assertTrue(invalid.startsWith("Invalid stage:"), invalid);
        assertEquals("Not A Stage", browser.driver().findElement(By.id("stage"))
                .getDomProperty("value"));
    }

    @Test
    void leadPageEditsStageAndTags() {
        long id = signUp("edda.edit@example.com");
        open("/admin/leads/" + id);
        org.openqa.selenium.WebElement stage = browser.driver().findElement(
                By.id("profile-stage"));
        stage.clear();
        stage.sendKeys("sql");
        browser.driver().findElement(By.id("profile-tags")).sendKeys("vip, spring");
        browser.driver().findElement(By.xpath("//button[normalize-space()='Save stage and tags']"))
                .click();
        String saved = browser.await(d -> d.getCurrentUrl().contains("saved=1")
                ? d.findElement(By.tagName("main")).getText() : null);
        browser.screenshot("admin-lead-profile-saved");

        assertTrue(saved.contains("Saved."), saved);
        assertTrue(saved.contains("vip, spring"), saved);
        assertEquals("sql", browser.driver().findElement(By.id("profile-stage"))
                .getDomProperty("value"));
        assertTrue(saved.contains("stage"), saved);
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        stage = browser.driver().findElement(By.id("profile-stage"));
        stage.clear();
        stage.sendKeys("Big Deal");
        browser.driver().findElement(By.xpath("//button[normalize-space()='Save stage and tags']"))
                .click();
        String error = browser.await(d -> d.findElements(By.id("profile-stage-error")).isEmpty()
                ? null : d.findElement(By.id("profile-stage-error")).getText());
        browser.screenshot("admin-lead-profile-invalid");

        assertTrue(error.startsWith("Use 1 to 40 lowercase letters"), error);
        assertEquals("Big Deal", browser.driver().findElement(By.id("profile-stage"))
                .getDomProperty("value"));
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
    }

    /** Opens an admin page, signing in first when the browser has no session yet. */
    private void open(String path) {
        browser.driver().get(node.tendril().baseUrl() + path);
        if (!browser.driver().findElements(By.id("password")).isEmpty()) {
            browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
            browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.await(d -> d.findElements(By.id("password")).isEmpty() ? true : null);
        }
    }

    /** Signs {@code email} up through the demo form and returns the new lead's id. */
    private long signUp(String email) {
        assertEquals(200, node.http().postJson("/f/demo", "{\"email\": \"" + email + "\","
                + " \"consent\": true}").statusCode());
        return Http.json(node.http().get("/api/v1/leads?email=" + email, "Authorization",
                "Bearer " + node.apiToken())).get("data").get(0).get("id").asLong();
    }

    private int patch(long id, String body) {
        return node.http().send(node.http().request("/api/v1/leads/" + id, "Authorization",
                "Bearer " + node.apiToken(), "Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build()).statusCode();
    }
}
