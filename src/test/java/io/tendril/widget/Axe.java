package io.tendril.widget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (installed by {@code npm ci --prefix widget/test}) in the page under test. It
 * reaches into open shadow roots, so it checks the widget as well as the host page.
 */
final class Axe {

    private static final Path SCRIPT = Path.of("widget", "test", "node_modules", "axe-core",
            "axe.min.js");

    private Axe() {
    }

    /** Returns each serious or critical violation as "rule: target, ...", empty when none. */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(source());
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) {"
                + "    return v.impact === 'serious' || v.impact === 'critical';"
                + "  }).map(function (v) {"
                + "    return {id: v.id, targets: v.nodes.map(function (n) {"
                + "      return JSON.stringify(n.target) + ' ' + n.failureSummary; })};"
                + "  }));"
                + "}, function (e) { done([{id: 'axe failed: ' + e, targets: []}]); });");
        return violations.stream().map(v -> v.get("id") + ": " + v.get("targets")).toList();
    }

    private static String source() {
        if (!Files.exists(SCRIPT)) {
            throw new IllegalStateException(SCRIPT + " is missing: run"
                    + " `npm ci --prefix widget/test` to install axe-core.");
        }
        try {
            return Files.readString(SCRIPT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
