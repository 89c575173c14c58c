package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tendril.support.TestNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * A marketer in Chromium creates and revokes an API token, then changes the admin password: a
 * wrong current password or a short new one changes nothing, and a good change signs out the
 * other sessions and retires the old password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccountBrowserTest {

    private static final String NEW_PASSWORD = "a much longer passphrase";

    private TestNode node;
    private Browser browser;

    @BeforeAll
    void start() {
        node = TestNode.start();
        browser = Browser.start(1000, 900);
    }

    @AfterAll
    void stop() {
        browser.close();
        node.close();
    }

    /** Signs in over plain HTTP and returns the session cookie, as a second browser would. */
    private String otherSession() {
        String body = "email=" + URLEncoder.encode(TestNode.ADMIN_EMAIL, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(TestNode.ADMIN_PASSWORD,
                        StandardCharsets.UTF_8);
        HttpResponse<String> response = node.http().postForm("/admin/login", body);
        assertEquals(303, response.statusCode(), response.body());
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private int apiStatus(String token) {
        return node.http().get("/api/v1/leads", "Authorization", "Bearer " + token).statusCode();
    }

    private int basicStatus(String password) {
        String basic = Base64.getEncoder().encodeToString((TestNode.ADMIN_EMAIL + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return node.http().send(node.http().request("/api/v1/tokens", "Authorization",
                "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    /** Posts a password change past the browser's length check, as a script could. */
    private HttpResponse<String> postFromOtherSession(String cookie, String password) {
        String page = node.http().get("/admin/account", "Cookie", cookie).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(csrf.find(), page);
        String body = "csrf=" + csrf.group(1) + "&current="
                + URLEncoder.encode(TestNode.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&password=" + password + "&repeat=" + password;
        return node.http().postForm("/admin/account", body, "Cookie", cookie);
    }

    private String submit(String current, String password, String repeat) {
        browser.driver().get(node.tendril().baseUrl() + "/admin/account");
        browser.await(d -> d.findElements(By.id("current")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("current")).sendKeys(current);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("repeat")).sendKeys(repeat);
        browser.driver().findElement(By.cssSelector("main button[type=submit]")).click();
        return browser.await(d -> d.findElements(By.cssSelector("[role=alert], [role=status]"))
                .isEmpty() ? null : d.findElement(By.cssSelector("[role=alert], [role=status]"))
                        .getText());
    }

    @Test
    void passwordChangeEndsOtherSessions() {
        String other = otherSession();
        browser.driver().get(node.tendril().baseUrl() + "/admin/account");
        browser.await(d -> d.findElements(By.id("password")).isEmpty() ? null : true);
        browser.driver().findElement(By.id("email")).sendKeys(TestNode.ADMIN_EMAIL);
        browser.driver().findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.getCurrentUrl().endsWith("/admin/account") ? true : null);
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        browser.driver().findElement(By.id("token-name")).sendKeys("CRM sync");
        browser.driver().findElement(By.cssSelector(".tokens button[type=submit]")).click();
        String token = browser.await(d -> d.findElements(By.id("new-token")).isEmpty() ? null
                : d.findElement(By.id("new-token")).getText());
        assertTrue(token.startsWith("tdl_"), token);
        assertEquals(200, apiStatus(token));
        browser.driver().findElement(By.cssSelector("button[aria-label='Revoke token CRM sync']"))
                .click();
        browser.await(d -> d.findElement(By.tagName("main")).getText().contains("revoked")
                ? true : null);
        assertEquals(401, apiStatus(token));
        assertTrue(browser.driver().findElements(By.id("new-token")).isEmpty(),
                "a token is shown only once");

        String wrong = submit("not the password", NEW_PASSWORD, NEW_PASSWORD);
        assertEquals("The current password is wrong.", wrong);
        assertEquals(422, postFromOtherSession(other, "%20".repeat(12)).statusCode(),
                "a password of spaces is too short");
        HttpResponse<String> shortOne = postFromOtherSession(other, "short");
        assertEquals(422, shortOne.statusCode());
        assertTrue(shortOne.body().contains("The new password is too short: use at least 10"
                + " characters"), shortOne.body());
        String differ = submit(TestNode.ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!");
        assertTrue(differ.contains("differ"), differ);
        assertEquals(201, basicStatus(TestNode.ADMIN_PASSWORD));

        String done = submit(TestNode.ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        browser.screenshot("admin-account");
        assertTrue(done.startsWith("Password changed."), done);

        assertEquals(401, basicStatus(TestNode.ADMIN_PASSWORD));
        assertEquals(201, basicStatus(NEW_PASSWORD));
        HttpResponse<String> leads = node.http().get("/admin/leads", "Cookie", other);
        assertEquals(303, leads.statusCode(), "the other session must be signed out");
        browser.driver().get(node.tendril().baseUrl() + "/admin/leads");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/admin/leads"),
                "the session that changed the password stays signed in");
    }
}
