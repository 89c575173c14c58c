package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
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

    private void signIn(String path) {
        browser.driver().get(node.tendril().baseUrl() + path);
        browser.await(d -> d.findElements(By.id("password")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
        browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().endsWith(path) ? true : null);
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
        signIn("/admin/sequences");
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
}
