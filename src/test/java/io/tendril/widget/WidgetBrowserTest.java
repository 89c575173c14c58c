package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import io.tendril.support.Http;
import io.tendril.support.TestNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget in headless Chromium: a host page on {@code 127.0.0.1:A} loads {@code widget.js}
 * through a relay on {@code localhost:B} in front of Tendril on {@code localhost:C}, so every
 * request the widget makes is cross-origin and can be counted or dropped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetBrowserTest {

    /** A host page script that keeps every console.error line in {@code widgetErrors}. */
    private static final String RECORD_CONSOLE_ERRORS = "<script>window.widgetErrors = [];"
            + " var log = console.error; console.error = function (line) {"
            + " widgetErrors.push(String(line)); log.apply(console, arguments); };</script>";

    private TestNode node;
    private HostSite site;
    private RelayProxy relay;
    private Browser browser;
    private String token;

    @BeforeAll
    void start() {
        node = TestNode.start();
        site = new HostSite();
        relay = new RelayProxy(node.tendril().baseUrl());
        token = node.apiToken();
        TourForm.create(node, token, site.origin());
        browser = Browser.start(1000, 1000);
    }

    @AfterAll
    void stop() {
        browser.close();
        relay.close();
        site.close();
        node.close();
    }

    @BeforeEach
    void resetWindow() {
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1000, 1000));
        relay.dropPosts(false);
        relay.dropDefinitions(false);
        relay.failDefinitions(0);
    }

    @Test
    void widgetRendersEveryFieldType() {
        open("/tour.html?utm_source=spring-mail&utm_campaign=launch&partner=acme",
                "<h1>Acme blog</h1><div id=w data-tendril-form=tour></div>"
                        + "<h2>Second form</h2><div data-tendril-form=demo></div>");
        SearchContext tour = form("#w");
        SearchContext demo = form("[data-tendril-form=demo]");
        browser.screenshot("widget-rendered");

        assertEquals("Work email *", labelFor(tour, "email"));
        assertEquals("Team size", labelFor(tour, "size"));
        assertEquals(4, tour.findElements(By.cssSelector("select[name=size] option")).size());
        assertEquals(3, tour.findElements(By.cssSelector("fieldset input[name=topics]")).size());
        assertEquals("acme", tour.findElement(By.cssSelector("input[name=partner]"))
                .getDomProperty("value"));
        assertEquals("date", tour.findElement(By.cssSelector("input[name=start]"))
                .getDomAttribute("type"));
        assertEquals("tel", tour.findElement(By.cssSelector("input[name=phone]"))
                .getDomAttribute("type"));
        assertEquals("-1", tour.findElement(By.cssSelector("input[name=website]"))
                .getDomAttribute("tabindex"));
        assertEquals("Email *", labelFor(demo, "email"));
    }

    @Test
    void requiredConsentIsMarked() {
        open("/consent.html", "<div id=w data-tendril-form=tour></div>");
        SearchContext tour = form("#w");
        WebElement consent = tour.findElement(By.name("consent"));
        WebElement newsletter = tour.findElement(By.name("newsletter"));
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});",
                consent);
        browser.screenshot("widget-consent-required");

        assertEquals("Send me the tour emails. I can unsubscribe at any time. *",
                labelFor(tour, "consent"));
        assertEquals("true", consent.getDomAttribute("aria-required"));
        assertEquals("true", consent.getDomProperty("required"));
        assertEquals("Monthly newsletter", labelFor(tour, "newsletter"));
        assertEquals(null, newsletter.getDomAttribute("aria-required"));
    }

    @Test
    void widgetSubmissionCarriesAttribution() {
        open("/attribution.html?utm_source=spring-mail&utm_campaign=launch&gclid=G-1&partner=acme",
                "<div id=w data-tendril-form=tour></div>");
        SearchContext tour = form("#w");
        fill(tour, "email", "mia.tour@example.com");
        fill(tour, "name", "Mia Øster");
        new org.openqa.selenium.support.ui.Select(tour.findElement(By.name("size")))
                .selectByVisibleText("11-50");
        tour.findElements(By.cssSelector("input[name=topics]")).get(1).click();
        tour.findElement(By.name("consent")).click();
        tour.findElement(By.cssSelector("button")).click();
        awaitStatus(tour, "see you in spring");

        String submissions = submissionsOf("mia.tour@example.com");
        assertTrue(submissions.contains("spring-mail"), submissions);
        assertTrue(submissions.contains("\"gclid\":\"G-1\""), submissions);
        assertTrue(submissions.contains("acme"), submissions);
        assertTrue(submissions.contains("/attribution.html"), submissions);
        assertTrue(submissions.contains("Reporting"), submissions);
    }

    @Test
    void hostileHostCssChangesNothing() {
        open("/plain.html", "<button id=host-button>Host button</button>"
                + "<div id=w data-tendril-form=demo></div>");
        SearchContext plain = form("#w");
        Map<String, Object> before = styles();
        Object hostButton = browser.driver().executeScript("var s = getComputedStyle("
                + "document.getElementById('host-button')); return s.backgroundColor + '|'"
                + " + s.fontWeight;");
        plain.findElement(By.name("email"));

        open("/hostile.html", "<style>* { font: italic 31px/3 serif !important;"
                + " color: #f0f !important; letter-spacing: 5px !important;"
                + " text-transform: uppercase !important; }"
                + " input, button, label, form, p { display: none !important; }"
                + " div { background: #ff0 !important; border: 4px dashed red !important; }"
                + "</style><div id=w data-tendril-form=demo></div>");
        form("#w");
        browser.screenshot("widget-hostile-css");
        Map<String, Object> after = styles();

        for (String property : before.keySet()) {
            assertEquals(before.get(property), after.get(property), property);
        }
        assertNotEquals("rgb(29, 78, 216)|600", hostButton);
    }

    @Test
    void customPropertiesThemeTheWidget() {
        open("/themed.html", "<div id=w data-tendril-form=demo"
                + " style=\"--tendril-accent:#0f766e; --tendril-radius:2px\"></div>");
        SearchContext demo = form("#w");
        browser.screenshot("widget-themed");
        WebElement button = demo.findElement(By.cssSelector("button"));

        assertEquals("rgba(15, 118, 110, 1)", button.getCssValue("background-color"));
        assertEquals("2px", button.getCssValue("border-top-left-radius"));
    }

    @Test
    void serverErrorsShowInlineAndKeepValues() {
        open("/errors.html", "<div id=w data-tendril-form=demo></div>");
        SearchContext demo = form("#w");
        fill(demo, "email", "ann.example.com");
        fill(demo, "name", "Zoë Ñúñez");
        demo.findElement(By.cssSelector("button")).click();
        WebElement email = demo.findElement(By.name("email"));
        browser.await(d -> "true".equals(email.getDomAttribute("aria-invalid")));
        browser.screenshot("widget-errors");

        String errorId = email.getDomAttribute("aria-describedby");
        assertTrue(demo.findElement(By.id(errorId)).getText().length() > 3, errorId);
        assertEquals("true", demo.findElement(By.name("consent")).getDomAttribute("aria-invalid"));
        assertEquals("Zoë Ñúñez", demo.findElement(By.name("name")).getDomProperty("value"));
        assertEquals("ann.example.com", email.getDomProperty("value"));
        assertEquals("email", browser.driver().executeScript("return document.getElementById('w')"
                + ".shadowRoot.activeElement.name"));
        assertTrue(demo.findElement(By.cssSelector("[aria-live]")).getText()
                .startsWith("Please correct 2 fields"));
    }

    @Test
    void keyboardAloneSubmitsTheForm() {
        open("/keyboard.html", "<a href=#top id=before>Before</a>"
                + "<div id=w data-tendril-form=demo></div>");
        SearchContext demo = form("#w");
        browser.driver().findElement(By.id("before")).click();
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            new Actions(browser.driver()).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            order.add((String) browser.driver().executeScript("var a = document"
                    + ".getElementById('w').shadowRoot.activeElement;"
                    + " return a ? (a.name || a.tagName) : 'outside';"));
            if (i == 0) {
                new Actions(browser.driver()).sendKeys("kim.keys@example.com").perform();
            }
            if (i == 2) {
                new Actions(browser.driver()).sendKeys(org.openqa.selenium.Keys.SPACE).perform();
            }
        }
        new Actions(browser.driver()).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        awaitStatus(demo, "Thanks!");

        assertEquals(List.of("email", "name", "consent", "BUTTON"), order);
    }

    @Test
    void doubleClickMakesOneSubmission() {
        open("/double.html", "<div id=w data-tendril-form=demo></div>");
        SearchContext demo = form("#w");
        fill(demo, "email", "dana.double@example.com");
        demo.findElement(By.name("consent")).click();
        int before = relay.posts();
        WebElement button = demo.findElement(By.cssSelector("button"));
        browser.driver().executeScript("var b = arguments[0]; b.click(); b.click(); b.click();",
                button);
        try {
            new Actions(browser.driver()).doubleClick(button).perform();
        } catch (StaleElementReferenceException e) {
            // The first submission already finished and replaced the form with its thank-you
            // message, so these clicks had nothing left to press.
        }
        awaitStatus(demo, "Thanks!");
        browser.screenshot("widget-thanks");

        assertEquals(1, relay.posts() - before);
    }

    @Test
    void droppedConnectionIsRetried() {
        open("/retry.html", "<div id=w data-tendril-form=demo></div>");
        SearchContext demo = form("#w");
        fill(demo, "email", "rita.retry@example.com");
        demo.findElement(By.name("consent")).click();
        relay.dropPosts(true);
        demo.findElement(By.cssSelector("button")).click();
        awaitStatus(demo, "Connection lost");
        browser.screenshot("widget-retrying");
        relay.dropPosts(false);
        awaitStatus(demo, "Thanks!");

        JsonNode submissions = Json.read(submissionsOf("rita.retry@example.com"), JsonNode.class);
        assertEquals(1, submissions.get("data").size());
    }

    @Test
    void unloadableFormLinksToHostedPage() {
        TourForm.create(node, token, "https://elsewhere.example", "webinar");
        open("/fallback.html", RECORD_CONSOLE_ERRORS
                + "<h1>Acme webinar</h1><div id=w data-tendril-form=webinar></div>");
        SearchContext webinar = fallback("#w");
        Object earlyErrors = browser.driver().executeScript("return widgetErrors.length;");
        browser.screenshot("widget-fallback");

        assertEquals(0L, earlyErrors, "the fallback appeared only after every retry");
        assertEquals(relay.origin() + "/f/webinar",
                webinar.findElement(By.cssSelector("[role=alert] a")).getDomAttribute("href"));
        assertTrue(webinar.findElement(By.cssSelector("[role=alert]")).getText()
                .startsWith("This form could not be loaded here."));
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        @SuppressWarnings("unchecked")
        List<String> errors = new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> {
                    List<String> lines = (List<String>) browser.driver().executeScript(
                            "return widgetErrors;");
                    return lines.isEmpty() ? null : lines;
                });
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("\"webinar\""), errors.toString());
        assertTrue(errors.get(0).contains("could not reach"), errors.toString());

        webinar.findElement(By.cssSelector("[role=alert] a")).click();
        browser.await(d -> d.findElements(By.name("email")).isEmpty() ? null : true);
        assertEquals(relay.origin() + "/f/webinar", browser.driver().getCurrentUrl());
    }

    @Test
    void unknownFormSaysNotAvailableWithoutRetries() throws InterruptedException {
        int before = relay.definitions();
        open("/unknown.html", RECORD_CONSOLE_ERRORS
                + "<h1>Old offer</h1><div id=u data-tendril-form=no-such-form></div>");
        SearchContext unknown = browser.await(d -> {
            SearchContext root = d.findElement(By.cssSelector("#u")).getShadowRoot();
            return root.findElements(By.cssSelector("[role=status]")).isEmpty() ? null : root;
        });
        browser.screenshot("widget-unknown-form");
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
        // The first retry would come 1 s after the first failure.
        Thread.sleep(1500);

        assertEquals("This form is not available.",
                unknown.findElement(By.cssSelector("[role=status]")).getText());
        assertTrue(unknown.findElements(By.cssSelector("a")).isEmpty());
        assertTrue(unknown.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertEquals(1, relay.definitions() - before);
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) browser.driver().executeScript(
                "return widgetErrors;");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("\"no-such-form\""), errors.toString());
        assertTrue(errors.get(0).contains("HTTP 404"), errors.toString());
    }

    @Test
    void serverErrorOnDefinitionIsRetried() {
        relay.failDefinitions(503);
        int before = relay.definitions();
        open("/unavailable.html", "<div id=w data-tendril-form=demo></div>");
        fallback("#w");
        browser.await(d -> relay.definitions() - before >= 2 ? true : null);
        relay.failDefinitions(0);
        SearchContext demo = form("#w");

        assertTrue(demo.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertTrue(relay.definitions() - before >= 3, relay.definitions() - before + " requests");
    }

    @Test
    void fallbackGivesWayToFormOnRetry() {
        relay.dropDefinitions(true);
        open("/flaky.html", RECORD_CONSOLE_ERRORS + "<div id=w data-tendril-form=demo></div>");
        fallback("#w");
        relay.dropDefinitions(false);
        SearchContext demo = form("#w");

        assertTrue(demo.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertEquals(0L, browser.driver().executeScript("return widgetErrors.length;"));
    }

    @Test
    void iframeResizesToItsContent() {
        open("/iframe.html", "<p>Embedded below</p><iframe id=f title=\"Demo sign-up\""
                + " src=\"" + relay.origin() + "/f/demo?embed=1\""
                + " style=\"width:100%;height:150px;border:0\"></iframe>");
        long height = browser.await(d -> {
            Number h = (Number) browser.driver().executeScript(
                    "return document.getElementById('f').getBoundingClientRect().height;");
            return h.longValue() != 150 ? h.longValue() : null;
        });
        browser.screenshot("iframe-resized");

        browser.driver().switchTo().frame("f");
        long content = (Long) browser.driver().executeScript(
                "return Math.ceil(document.body.getBoundingClientRect().height);");
        browser.driver().switchTo().defaultContent();
        assertTrue(content > 150, "embedded page is " + content + " px high");
        assertTrue(Math.abs(height - content) <= 4, height + " vs " + content);
    }

    @Test
    void iframeShrinksToThankYouPage() {
        open("/iframe-thanks.html", "<iframe id=f title=\"Demo sign-up\" src=\""
                + relay.origin() + "/f/demo?embed=1\" style=\"width:100%;height:150px;border:0\">"
                + "</iframe>");
        long form = browser.await(d -> frameHeight() != 150 ? frameHeight() : null);
        browser.driver().switchTo().frame("f");
        browser.driver().findElement(By.name("email")).sendKeys("ida.iframe@example.com");
        browser.driver().findElement(By.name("consent")).click();
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.driver().switchTo().defaultContent();
        long thanks = browser.await(d -> frameHeight() < form ? frameHeight() : null);
        browser.screenshot("iframe-thanks");

        browser.driver().switchTo().frame("f");
        assertEquals("Thank you", browser.driver().findElement(By.tagName("h1")).getText());
        long content = (Long) browser.driver().executeScript(
                "return Math.ceil(document.body.getBoundingClientRect().height);");
        browser.driver().switchTo().defaultContent();
        assertTrue(Math.abs(thanks - content) <= 4, thanks + " vs " + content);
    }

    private long frameHeight() {
        return ((Number) browser.driver().executeScript(
                "return document.getElementById('f').getBoundingClientRect().height;"))
                .longValue();
    }

    @Test
    void landingPageFitsAPhone() {
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.driver().get(node.tendril().baseUrl() + "/f/tour?utm_source=ad");
        browser.screenshot("landing-phone");

        long overflow = (Long) browser.driver().executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, "page is " + overflow + " px wider than the screen");
        assertEquals("Meet the team in spring", browser.driver().findElement(By.tagName("h1"))
                .getText());
        assertEquals("ad", browser.driver().findElement(By.cssSelector(
                "input[name=utm_source]")).getDomProperty("value"));
    }

    @Test
    void widgetPassesAxeInEveryState() {
        open("/axe.html", "<main><h1>Acme</h1><div id=w data-tendril-form=tour></div>"
                + "<div id=d data-tendril-form=demo></div></main>");
        SearchContext demo = form("#d");
        form("#w");
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));

        fill(demo, "email", "broken");
        demo.findElement(By.cssSelector("button")).click();
        browser.await(d -> "true".equals(demo.findElement(By.name("email"))
                .getDomAttribute("aria-invalid")));
        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
    }

    @Test
    void hostedPagePassesAxeWithErrors() {
        browser.driver().get(node.tendril().baseUrl() + "/f/tour");
        browser.driver().findElement(By.name("email")).sendKeys("nope");
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> !d.findElements(By.id("tf-summary")).isEmpty());
        browser.screenshot("hosted-errors");

        assertEquals(List.of(), Axe.seriousViolations(browser.driver()));
    }

    private void open(String path, String body) {
        String html = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
                + "<title>Host page</title></head><body>" + body
                + "<script async src=\"" + relay.origin() + "/widget.js\"></script>"
                + "</body></html>";
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        site.page(pathOnly, html);
        browser.driver().get(site.origin() + path);
    }

    /** Waits until the widget in {@code selector} shows its form; returns its shadow root. */
    private SearchContext form(String selector) {
        return browser.await(d -> {
            SearchContext root = d.findElement(By.cssSelector(selector)).getShadowRoot();
            return root.findElements(By.cssSelector("form button")).isEmpty() ? null : root;
        });
    }

    /** Waits until the widget in {@code selector} shows its fallback; returns its shadow root. */
    private SearchContext fallback(String selector) {
        return browser.await(d -> {
            SearchContext root = d.findElement(By.cssSelector(selector)).getShadowRoot();
            return root.findElements(By.cssSelector("[role=alert] a")).isEmpty() ? null : root;
        });
    }

    private static String labelFor(SearchContext root, String name) {
        String id = root.findElement(By.name(name)).getDomAttribute("id");
        return root.findElement(By.cssSelector("label[for='" + id + "']")).getText();
    }

    private static void fill(SearchContext root, String name, String value) {
        WebElement input = root.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private void awaitStatus(SearchContext root, String text) {
        browser.await(d -> root.findElements(By.cssSelector("[role=status]")).stream()
                .anyMatch(status -> status.getText().contains(text)));
    }

    private Map<String, Object> styles() {
        @SuppressWarnings("unchecked")
        Map<String, Object> styles = (Map<String, Object>) browser.driver().executeScript(
                "var root = document.getElementById('w').shadowRoot, out = {};"
                + "[['label', 'label'], ['input', 'input[name=email]'], ['button', 'button'],"
                + " ['status', 'form']].forEach(function (pair) {"
                + "  var s = getComputedStyle(root.querySelector(pair[1]));"
                + "  ['display', 'fontSize', 'fontFamily', 'fontStyle', 'color', 'letterSpacing',"
                + "   'textTransform', 'backgroundColor', 'borderTopStyle', 'lineHeight']"
                + "  .forEach(function (p) { out[pair[0] + '.' + p] = s[p]; });"
                + "}); return out;");
        return styles;
    }

    private String submissionsOf(String email) {
        Http http = node.http();
        HttpResponse<String> lead = http.get("/api/v1/leads?email=" + email,
                "Authorization", "Bearer " + token);
        JsonNode json = Http.json(lead);
        JsonNode found = json.has("data") ? json.get("data").get(0) : json;
        return http.get("/api/v1/leads/" + found.get("id").asLong() + "/submissions",
                "Authorization", "Bearer " + token).body();
    }
}
