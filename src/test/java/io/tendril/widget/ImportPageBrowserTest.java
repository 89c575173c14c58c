package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A marketer in Chromium imports CSV files on the admin import page: a file with a duplicate
 * address shows its counts and the duplicate line, and a file with an invalid row shows the
 * row's error and imports nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportPageBrowserTest {

    private TestNode node;
    private Browser browser;
    private String token;

    @BeforeAll
    void start() {
        node = TestNode.start();
        browser = Browser.start(1200, 1400);
        token = node.apiToken();
        browser.driver().get(node.tendril().baseUrl() + "/admin/imports");
        browser.await(d -> d.findElements(By.id("password")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
        browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/admin/imports") ? true : null);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    private String upload(String name, String csv, String tags, String delimiter)
            throws IOException {
        Path file = Files.createTempDirectory("tendril-import").resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        browser.driver().get(node.tendril().baseUrl() + "/admin/imports");
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver().findElement(By.id("tags")).sendKeys(tags);
        new Select(browser.driver().findElement(By.id("delimiter"))).selectByValue(delimiter);
        browser.driver().findElement(By.cssSelector("form.card button[type=submit]")).click();
        return browser.await(d -> d.findElements(By.cssSelector("section.card")).isEmpty()
                ? null : d.findElement(By.tagName("main")).getText());
    }

    @Test
    void importShowsCountsAndDuplicates() throws IOException {
        String page = upload("fair.csv", "email;name;company\numa@example.com;Uma;Acme\n"
                + "vic@example.com;Vic;Beta\nUMA@example.com;Uma Ray;Acme\n", "fair-2026", "");
        browser.screenshot("admin-import");

        assertTrue(page.contains("Imported fair.csv"), page);
        assertTrue(page.contains("3\nrows"), page);
        assertTrue(page.contains("2\nnew leads"), page);
        assertTrue(page.contains("1\nduplicate lines"), page);
        assertTrue(page.contains("Duplicate lines"), page);
        assertTrue(page.contains("fair.csv"), page);
        String lead = node.http().get("/api/v1/leads?email=uma@example.com", "Authorization",
                "Bearer " + token).body();
        assertTrue(lead.contains("Uma Ray"), lead);
        assertTrue(lead.contains("fair-2026"), lead);
    }

    @Test
    void invalidRowIsListedAndNothingImported() throws IOException {
        String page = upload("broken.csv", "email,name\nwes@example.com,Wes\nnot-an-email,Bad\n",
                "", ",");
        browser.screenshot("admin-import-error");

        assertTrue(page.contains("Nothing was imported"), page);
        assertTrue(page.contains("1 of 2 rows are invalid"), page);
        assertTrue(page.contains("not-an-email"), page);
        assertEquals(0, Http.json(node.http().get("/api/v1/leads?email=wes@example.com",
                "Authorization", "Bearer " + token)).get("data").size());
    }
}
