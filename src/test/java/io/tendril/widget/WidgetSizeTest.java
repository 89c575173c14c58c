package io.tendril.widget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Caps the widget's transfer size. {@code mvn test} is the build's test gate, so this test is
 * what fails the build when {@code widget/widget.js} grows past 6 KB gzipped.
 */
class WidgetSizeTest {

    private static final int MAX_GZIPPED_BYTES = 6 * 1024;

    @Test
    void widgetStaysUnderSixKilobytesGzipped() throws IOException {
        byte[] script = Files.readAllBytes(Path.of("widget", "widget.js"));
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(script);
        }

        assertTrue(gzipped.size() <= MAX_GZIPPED_BYTES, "widget/widget.js is " + gzipped.size()
                + " bytes gzipped, more than the " + MAX_GZIPPED_BYTES + "-byte budget: make it"
                + " smaller before adding features");
    }
}
