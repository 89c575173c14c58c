package io.tendril.tracking;

import java.util.List;
import java.util.Locale;

/**
 * Tells opens and clicks made by software (mail privacy proxies, link scanners, crawlers) from
 * those made by people, from the User-Agent header.
 */
public final class MachineDetector {

    private static final List<String> MACHINE_MARKERS = List.of(
            "googleimageproxy", "yahoomailproxy", "ggpht.com", "bot", "crawler", "spider",
            "preview", "scanner", "curl/", "wget/", "python-requests", "go-http-client",
            "java/", "okhttp", "barracuda", "mimecast", "proofpoint");

    private MachineDetector() {
    }

    /** Returns true when the user agent is missing or belongs to software acting on its own. */
    public static boolean isMachine(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : MACHINE_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
