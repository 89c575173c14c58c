package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A marketer in Chromium creates a sequence from the starter, activates and pauses it, writes
 * a new step version, and sees a bad step list rejected by path with nothing saved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminSequencesBrowserTest {

    private TestNode node;
    private Browser browser;

    @BeforeAll
    void start() {
        node = TestNode.start();
        browser = Browser.start(1200, 1800);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    private String main() {
        return browser.driver().findElement(By.tagName("main")).getText();
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

    private void click(String text) {
        browser.driver().findElement(By.xpath("//button[normalize-space()='" + text + "']"))
                .click();
    }

    private String awaitText(String expected) {
        return browser.await(d -> main().contains(expected) ? main() : null);
    }

    @Test
    void sequenceCreatedActivatedEdited() {
        open("/admin/sequences");
        assertTrue(main().contains("Welcome"), "the demo sequence is listed");
        browser.driver().get(node.tendril().baseUrl() + "/admin/sequences/new");
        click("Create sequence");
        String page = awaitText("Saved.");
        assertTrue(page.contains("status draft"), page);
        assertTrue(page.contains("email: Welcome, {{first_name}}"), page);
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        click("Activate");
        assertTrue(awaitText("status active").contains("Pause sending"));
        click("Pause sending");
        assertTrue(awaitText("status paused").contains("Resume sending"));

        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        String steps = (String) js.executeScript("return document.getElementById('steps').value");
        js.executeScript("document.getElementById('steps').value = arguments[0]",
                steps.replace("\"subject\" : \"Did you see", "\"subjct\" : \"Did you see"));
        click("Save steps as a new version");
        String rejected = awaitText("Nothing was saved");
        browser.screenshot("admin-sequence-error");
        assertTrue(rejected.contains("steps[1].subjct: Unknown property; did you mean subject?"),
                rejected);
        assertTrue(rejected.contains("version 1"), rejected);

        js.executeScript("document.getElementById('steps').value = arguments[0]",
                steps.replace("Did you see this, {{first_name}}", "Still curious, {{frist_name}}"));
        click("Save steps as a new version");
        String saved = awaitText("Saved.");
        browser.screenshot("admin-sequence");
        assertTrue(saved.contains("version 2"), saved);
        assertTrue(saved.contains("Still curious, {{frist_name}}?"), saved);
        assertTrue(saved.contains("steps[1].subject"), saved);
        assertTrue(saved.contains("frist_name"), saved);
        String id = browser.driver().getCurrentUrl().replaceAll(".*/sequences/(\\d+).*", "$1");
        assertEquals("paused", Http.json(node.http().get("/api/v1/sequences/" + id,
                "Authorization", "Bearer " + node.apiToken())).get("status").asText());
    }

    @Test
    void archiveFollowsTheApiRules() {
        JsonNode sequences = Http.json(node.http().get("/api/v1/sequences", "Authorization",
                "Bearer " + node.apiToken())).get("data");
        long demo = sequences.get(0).get("id").asLong();
        HttpResponse<String> created = node.http().postJson("/api/v1/sequences", "{\"key\":"
                + " \"autumn\", \"name\": \"Autumn offer\"}", "Authorization",
                "Bearer " + node.apiToken());
        long autumn = Http.json(created).get("id").asLong();

        open("/admin/sequences/" + demo);
        browser.driver().findElement(By.name("confirm")).click();
        click("Archive sequence");
        String rejected = browser.await(d -> d.findElements(By.cssSelector(".rejected")).isEmpty()
                ? null : d.findElement(By.cssSelector(".rejected")).getText());
        browser.screenshot("admin-sequence-archive-rejected");
        assertTrue(rejected.contains("Forms demo still enroll their new leads"), rejected);
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        open("/admin/sequences/" + autumn);
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('.archive').scrollIntoView();");
        browser.screenshot("admin-sequence-archive-form");
        browser.driver().findElement(By.name("confirm")).click();
        click("Archive sequence");
        awaitText("This sequence is archived");
        browser.screenshot("admin-sequence-archived");
        open("/admin/sequences");
        browser.driver().findElement(By.cssSelector("details.archived summary")).click();
        browser.screenshot("admin-sequences-archived");

        assertTrue(browser.driver().findElement(By.cssSelector("details.archived")).getText()
                .contains("Autumn offer"));
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
    }
}
