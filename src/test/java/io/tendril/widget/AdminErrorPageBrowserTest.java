package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.TestNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** A signed-in marketer in Chromium opens a lead that does not exist and finds the way back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminErrorPageBrowserTest {

    private TestNode node;
    private Browser browser;

    @BeforeAll
    void start() {
        node = TestNode.start();
        browser = Browser.start(1200, 800);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    @Test
    void missingLeadShowsAdminPage() {
        String url = node.tendril().baseUrl() + "/admin/leads/999999";
        browser.driver().get(url);
        browser.await(d -> d.findElements(By.id("password")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
        browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().equals(url) ? true : null);
        browser.screenshot("admin-not-found");
        String main = browser.driver().findElement(By.tagName("main")).getText();

        assertEquals("Page not found · Tendril", browser.driver().getTitle());
        assertTrue(main.contains("Lead 999999 not found."), main);
        assertTrue(main.contains("Error 404"), main);
        assertEquals("page", browser.driver().findElement(By.cssSelector(
                "nav a[href='/admin/leads']")).getDomAttribute("aria-current"));
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        browser.driver().findElement(By.linkText("Back to leads")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/admin/leads") ? true : null);
        assertEquals("Leads", browser.driver().findElement(By.tagName("h1")).getText());
    }
}
