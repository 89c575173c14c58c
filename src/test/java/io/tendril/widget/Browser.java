package io.tendril.widget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for browser tests, in a fresh profile, reaching nothing but
 * loopback: the proxy flag points every non-loopback request at a closed port.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with JavaScript on, in a window of the given size. */
    static Browser start(int width, int height) {
        return start(width, height, true);
    }

    /** Starts Chromium; {@code javascript} false blocks every script, as some visitors do. */
    static Browser start(int width, int height, boolean javascript) {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("tendril-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-features=NetworkTimeServiceQuerying",
                "--proxy-server=http://127.0.0.1:9", "--disable-background-networking",
                "--disable-component-update", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--hide-scrollbars");
        if (!javascript) {
            options.setExperimentalOption("prefs",
                    Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        return new Browser(new ChromeDriver(options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Waits up to ten seconds for {@code condition} to return a non-null, non-false value. An
     * element replaced while the condition reads it (the widget swaps its form for the
     * thank-you message, or a post-redirect loads a new page) counts as not yet.
     */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .pollingEvery(Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (WebDriverException e) {
                        // Chromium's name for an element of the page that is being replaced.
                        if (String.valueOf(e.getMessage()).contains(
                                "does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /** Saves a screenshot of the window as {@code target/screenshots/NAME.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in /tmp is harmless; the next run makes a new one.
        }
    }
}
