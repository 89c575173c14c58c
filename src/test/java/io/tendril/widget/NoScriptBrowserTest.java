package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The embed snippet in Chromium with JavaScript blocked: its {@code <noscript>} frame shows the
 * hosted form, which posts as a plain HTML form and lands on the thank-you page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoScriptBrowserTest {

    private TestNode node;
    private HostSite site;
    private Browser browser;

    @BeforeAll
    void start() {
        node = TestNode.start();
        site = new HostSite();
        browser = Browser.start(1000, 900, false);
    }

    @AfterAll
    void stop() {
        browser.close();
        site.close();
        node.close();
    }

    @Test
    void noscriptFormLandsOnThankYouPage() {
        String base = node.tendril().baseUrl();
        String url = site.page("/noscript.html", "<!DOCTYPE html><html lang=en><head>"
                + "<meta charset=utf-8><title>No script</title></head><body><h1>Acme</h1>"
                + "<div data-tendril-form=\"demo\"></div>"
                + "<script async src=\"" + base + "/widget.js\"></script>"
                + "<noscript><iframe src=\"" + base + "/f/demo?embed=1\" title=\"Demo sign-up\""
                + " style=\"width:100%;height:560px;border:0\"></iframe></noscript>"
                + "</body></html>");
        browser.driver().get(url);
        browser.driver().switchTo().frame(browser.driver().findElement(By.tagName("iframe")));

        fill("email", "broken");
        fill("name", "Nora Noscript");
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> !d.findElements(By.id("tf-summary")).isEmpty());
        browser.driver().switchTo().defaultContent();
        browser.screenshot("noscript-errors");
        browser.driver().switchTo().frame(browser.driver().findElement(By.tagName("iframe")));
        assertEquals("Nora Noscript", value("name"));
        assertEquals("broken", value("email"));

        fill("email", "nora.noscript@example.com");
        browser.driver().findElement(By.name("consent")).click();
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        String heading = browser.await(d -> headingIfThanks(d));
        browser.driver().switchTo().defaultContent();
        browser.screenshot("noscript-thanks");

        assertEquals("Thank you", heading);
        assertEquals(200, node.http().get("/api/v1/leads?email=nora.noscript@example.com",
                "Authorization", "Bearer " + node.apiToken()).statusCode());
    }

    private static String headingIfThanks(WebDriver driver) {
        return driver.getCurrentUrl().contains("/thanks") || driver.findElements(
                By.cssSelector("h1")).stream().anyMatch(h -> h.getText().equals("Thank you"))
                ? driver.findElement(By.tagName("h1")).getText() : null;
    }

    private void fill(String name, String value) {
        var input = browser.driver().findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private String value(String name) {
        return browser.driver().findElement(By.name(name)).getDomProperty("value");
    }
}
