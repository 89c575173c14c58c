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
 * A marketer in Chromium copies a form's embed code, creates a form from the starter
 * definition, and sees a bad edit rejected with the path of each problem and nothing saved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminFormsBrowserTest {

    private TestNode node;
    private Browser browser;

    @BeforeAll
    void start() {
        node = TestNode.start();
        browser = Browser.start(1200, 1600);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    private void open(String path) {
        browser.driver().get(node.tendril().baseUrl() + path);
        if (!browser.driver().findElements(By.id("password")).isEmpty()
                && browser.driver().findElements(By.id("definition")).isEmpty()) {
            browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
            browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.await(d -> d.getCurrentUrl().endsWith(path) ? true : null);
        }
    }

    private String save(String definition) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('definition').value = arguments[0]", definition);
        browser.driver().findElement(By.cssSelector("button.save")).click();
        return browser.await(d -> d.findElements(By.cssSelector("[role=alert], p.done"))
                .isEmpty() ? null : d.findElement(By.tagName("main")).getText());
    }

    @Test
    void formPageShowsEmbedCode() {
        open("/admin/forms");
        browser.driver().findElement(By.linkText("Demo sign-up")).click();
        String snippet = browser.await(d -> d.findElements(By.id("widget-snippet")).isEmpty()
                ? null : d.findElement(By.id("widget-snippet")).getText());
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        assertTrue(snippet.startsWith("<div data-tendril-form=\"demo\"></div>"), snippet);
        assertTrue(snippet.contains(node.tendril().baseUrl() + "/widget.js?v="), snippet);
        browser.driver().findElement(By.cssSelector("button[data-copy=widget-snippet]")).click();
        String copied = browser.await(d -> d.findElement(By.id("copy-status")).getText()
                .isEmpty() ? null : d.findElement(By.id("copy-status")).getText());
        assertTrue(copied.startsWith("Copied") || copied.startsWith("Selected"), copied);
        browser.screenshot("admin-form");
    }

    @Test
    void newFormSavedBadEditRejected() {
        open("/admin/forms/new");
        String starter = browser.driver().findElement(By.id("definition")).getAttribute("value");

        String created = save(starter);
        assertTrue(created.contains("Saved: version 1 is live."), created);
        assertTrue(browser.driver().getCurrentUrl().endsWith("/admin/forms/newsletter?saved=1"));
        assertEquals(200, node.http().get("/forms/newsletter.json").statusCode());

        String typo = save(starter.replace("\"double_opt_in\"", "\"doubleOptIn\""));
        browser.screenshot("admin-form-error");
        assertTrue(typo.contains("Nothing was saved"), typo);
        assertTrue(typo.contains("doubleOptIn: Unknown property; did you mean double_opt_in?"),
                typo);
        String broken = save("{\"slug\": ");
        assertTrue(broken.contains("definition: Not valid JSON"), broken);
        assertEquals(1, Http.json(node.http().get("/api/v1/forms/newsletter", "Authorization",
                "Bearer " + node.apiToken())).get("version").asInt());
    }
}
