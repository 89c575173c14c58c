package io.tendril.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the results page from the raw results of one run. Each line of the input is
 * {@code v KEY VALUE} (one repetition of a figure), {@code m KEY TEXT} (a fact about the run) or
 * {@code n TEXT} (a note), tab-separated. Usage: {@code Report RESULTS_TSV FINDINGS_MD OUT_MD}.
 */
public final class Report {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    public static void main(String[] args) throws IOException {
        Report report = new Report();
        report.read(Path.of(args[0]));
        Path findings = Path.of(args[1]);
        String extra = Files.exists(findings) ? Files.readString(findings) : "";
        Files.writeString(Path.of(args[2]), report.render(extra), StandardCharsets.UTF_8);
    }

    private void read(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 3);
            switch (parts[0]) {
                case "v" -> values.computeIfAbsent(parts[1], k -> new ArrayList<>())
                        .add(Double.parseDouble(parts[2]));
                case "m" -> meta.put(parts[1], parts[2]);
                case "n" -> notes.add(parts[1]);
                default -> {
                    // Blank or unknown lines are ignored.
                }
            }
        }
    }

    private String render(String findings) {
        line("# Benchmark results");
        line("");
        line("Written by `src/bench/run` on " + meta("date") + " (" + meta("mode")
                + " mode). Every figure is the median of " + meta("repetitions")
                + " repetitions of " + meta("duration") + " s after a " + meta("warmup")
                + " s warm-up, with its spread (lowest to highest, and that range as a share of"
                + " the median). The machine is shared and noisy, so each Tendril figure is read"
                + " as a ratio to a reference measured in the same run.");
        line("");
        line("Command: `" + meta("command") + "`");
        line("");
        machine();
        references();
        tendril();
        scaling();
        reports();
        cpu();
        threads();
        memory();
        if (!notes.isEmpty()) {
            line("## Notes from this run");
            line("");
            notes.forEach(n -> line("- " + n));
            line("");
        }
        out.append(findings);
        return out.toString();
    }

    private void machine() {
        line("## Machine");
        line("");
        line("| | |");
        line("|---|---|");
        for (String key : List.of("cores", "cpu", "memory", "kernel", "load", "java", "jvm options",
                "postgresql", "postgresql settings", "wrk", "pgbench", "http load",
                "pool size", "smtp connections")) {
            if (meta.containsKey(key)) {
                line("| " + key + " | " + meta.get(key) + " |");
            }
        }
        line("");
    }

    private void references() {
        line("## References");
        line("");
        line("| | what | median | lowest to highest | spread |");
        line("|---|---|---|---|---|");
        ref("H", "Javalin hello-world route, Tendril's server settings", "H.rps", "req/s");
        ref("H p99", "", "H.p99", "ms");
        ref("P", "pgbench: the SQL of one capture, " + meta("pool size") + " clients", "P.tps",
                "tx/s");
        ref("P p99", "", "P.p99", "ms");
        ref("Q", "pgbench: claim 500 due rows (SKIP LOCKED) and mark them, "
                + meta("claim clients") + " clients, " + meta("small leads") + " leads", "Q.tps",
                "claims/s");
        ref("Q p99", "", "Q.p99", "ms");
        ref("Q1", "pgbench: Tendril's own claim SQL for 500 due rows, each sending its email, "
                + meta("claim clients") + " clients, " + meta("small leads") + " leads",
                "Q1.tps", "claims/s");
        ref("Q1 p99", "", "Q1.p99", "ms");
        ref("S", "raw SMTP intake of the sink: Tendril's MIME message over "
                + meta("smtp connections") + " connections", "S.rate", "emails/s");
        ref("M", "Tendril's SMTP transport (simple-java-mail) alone sending copies of the same"
                + " email over " + meta("smtp connections") + " connections, no database",
                "M.rate", "emails/s");
        ref("C", "COPY of a " + meta("copy rows") + "-row import CSV into a staging table",
                "C.rate", "rows/s");
        line("");
        line("Q runs one `UPDATE` that locks 500 due enrollments with `FOR UPDATE SKIP LOCKED`"
                + " and marks them completed, the least a due claim can do. Q1 runs Tendril's"
                + " claim statements from its own .sql files (claimRetries, claimEnrollments,"
                + " insertMessages, moveEnrollments) on the path where every claimed enrollment"
                + " gets a message and moves to its next step, with the step rules' decisions"
                + " given as fixed values. Both roll back each claim, as the claim figure does.");
        line("");
    }

    private void tendril() {
        line("## Tendril against the references");
        line("");
        line("| path | figure | median | lowest to highest | ratio | target | met |");
        line("|---|---|---|---|---|---|---|");
        row("capture", "POST /f/demo", "capture.rps", "req/s", "P.tps", 0.70, "P");
        row("capture", "", "capture.rps", "req/s", "H.rps", 0.10, "H");
        limit("capture", "p99 at " + percentOfMax() + " of max load", "capture.paced.p99", 25);
        row("pixel", "GET /t/o/{token}.gif", "pixel.rps", "req/s", "H.rps", 0.40, "H");
        limit("pixel", "p99 at max load", "pixel.p99", 5);
        row("click", "GET /t/c/{token}", "click.rps", "req/s", "H.rps", 0.35, "H");
        limit("click", "p99 at max load", "click.p99", 8);
        // Tendril's default on Java 21 or newer: the same figures with both servers on virtual
        // threads, so that H keeps Tendril's server settings.
        if (med("pixel.vt.rps") != null) {
            row("capture", "virtual threads (the default)", "capture.vt.rps", "req/s", "P.tps",
                    0.70, "P");
            row("pixel", "virtual threads (the default)", "pixel.vt.rps", "req/s", "H.vt.rps",
                    0.40, "H on virtual threads");
            limit("pixel", "p99 at max load, virtual threads", "pixel.vt.p99", 5);
        }
        row("sender", "due pass into the SMTP sink", "sender.rate", "emails/s", "S.rate", 0.60,
                "S");
        floor("sender", "", "sender.rate", "emails/s", 2000);
        Double mailer = ratio("M.rate", "S.rate");
        line("| sender | M, the mail library's ceiling | " + median("M.rate") + " emails/s | "
                + range("M.rate") + " | " + (mailer == null ? "n/a" : percent(mailer) + " of S")
                + " | | |");
        ceiling("sender", "database statements per email", "sender.statements", 0.02);
        line("| sender | of which Quartz's, firing the due pass | " + median("sender.quartz")
                + " | " + range("sender.quartz") + " | | | |");
        row("sender", "burst of " + meta("burst size") + " due steps, one drain", "burst.rate",
                "emails/s", "sender.rate", 0.90, "sender");
        line("| due to send | p50 at " + meta("paced rate") + " due steps/s for "
                + meta("paced seconds") + " s | " + median("delay.p50") + " ms | "
                + range("delay.p50") + " | | | |");
        limit("due to send", "p99, same load", "delay.p99", 2000);
        row("due claim", "JdbiDeliveryStore.claimDue, 500 rows, " + meta("claim clients")
                + " clients", "claim.tps", "claims/s", "Q.tps", 0.80, "Q");
        row("due claim", "the same, against its own SQL run by pgbench", "claim.tps",
                "claims/s", "Q1.tps", 0.80, "Q1");
        plan("due claim", "claim plan", meta("small leads"));
        plan("due claim", "claim.big plan", meta("large leads"));
        importRows();
        line("");
        if (meta.containsKey("paced rate")) {
            line("The due-to-send delay runs from each enrollment's due time to its message's"
                    + " created_at, the claim's time, written in the claim's transaction just"
                    + " before rendering and the SMTP hand-off: the closest recorded time to the"
                    + " send start. The enrollments fall due one by one at half the sender rate"
                    + " of this run. The burst and the delay are one repetition each, so their"
                    + " range is that one value. Each drain, steady or burst, is timed from its"
                    + " first claim to its last recorded send, so the wait for the due pass's"
                    + " next one-second trigger is left out. Statements per email are Tendril's"
                    + " as pg_stat_statements counts them during the steady drains, BEGIN and"
                    + " Quartz's included; Quartz fires the due pass every second whatever the"
                    + " load, so its share per email falls as the rate rises.");
            line("");
        }
    }

    /** Writes the CSV import's rows: the same file as C, posted to the import API. */
    private void importRows() {
        row("CSV import", "POST /api/v1/imports of C's file, new leads", "import.rate",
                "rows/s", "C.rate", 0.50, "C");
        floor("CSV import", "", "import.rate", "rows/s", 50000);
    }

    /** Writes the row for the access path of claimEnrollments.sql to enrollments, if noted. */
    private void plan(String path, String key, String leads) {
        if (!meta.containsKey(key)) {
            return;
        }
        String access = meta.get(key);
        boolean index = access.startsWith("Index") || access.startsWith("Bitmap Index");
        line("| " + path + " | access path to enrollments, " + leads + " leads | " + access
                + " | | | index scan | " + met(index) + " |");
    }

    private void scaling() {
        line("## Scaling: " + meta("small leads") + " and " + meta("large leads") + " leads");
        line("");
        line("| figure | at " + meta("small leads") + " | at " + meta("large leads")
                + " | change | target | met |");
        line("|---|---|---|---|---|---|");
        scale("capture req/s", "capture.rps", "capture.big.rps", "drops <= 15%",
                (a, b) -> b >= a * 0.85);
        scale("claim p99 ms", "claim.p99", "claim.big.p99", "at most doubles",
                (a, b) -> b <= a * 2);
        scale("Q p99 ms (reference)", "Q.p99", "Q.big.p99", "", null);
        scale("claims/s", "claim.tps", "claim.big.tps", "", null);
        scale("Q claims/s (reference)", "Q.tps", "Q.big.tps", "", null);
        scale("Q1 claims/s (reference)", "Q1.tps", "Q1.big.tps", "", null);
        scale("live heap after GC, MB", "heap.live", "heap.big.live", "flat",
                (a, b) -> b <= a * 1.25);
        line("");
        line("The report queries at 1,000,000 leads and 50,000,000 events are in the Reports"
                + " section below.");
        line("");
    }

    /** Writes the report figures with the data sizes; no target exists for them. */
    private void reports() {
        if (!meta.containsKey("report events")) {
            return;
        }
        line("## Reports");
        line("");
        line("At " + meta("report leads") + " leads, " + meta("report messages")
                + " messages and " + meta("report events") + " events, seeded in "
                + median("reports.seed.seconds") + " s. Each endpoint is called over one"
                + " connection for " + meta("duration") + " s per repetition, with the default"
                + " range (the last 30 days) unless the row says otherwise.");
        line("");
        line("| figure | median | lowest to highest |");
        line("|---|---|---|");
        line("| rollup job catch-up, event ids/s | " + median("reports.rollup.rate") + " | "
                + range("reports.rollup.rate") + " |");
        for (String[] endpoint : new String[][] {
                {"GET /api/v1/reports/sequences", "report.sequences"},
                {"GET /api/v1/reports/sequences/{id}", "report.sequence"},
                {"GET /api/v1/reports/forms", "report.forms"},
                {"GET /api/v1/reports/campaigns", "report.campaigns"},
                {"GET /api/v1/reports/campaigns, 366 days", "report.campaigns.year"}}) {
            line("| " + endpoint[0] + ", p50 ms | " + median(endpoint[1] + ".p50") + " | "
                    + range(endpoint[1] + ".p50") + " |");
            line("| " + endpoint[0] + ", p99 ms | " + median(endpoint[1] + ".p99") + " | "
                    + range(endpoint[1] + ".p99") + " |");
        }
        line("");
    }

    private void cpu() {
        line("## CPU time per request");
        line("");
        line("CPU time that the server process (Tendril, or the hello-world server for H) and"
                + " the PostgreSQL server spent per request or transaction, from /proc, at the"
                + " load of each figure. For the sender, it is per email sent, over the"
                + " sender figure's measured drains, after its warm-up. For the CSV import, it"
                + " is per row imported."
                + " For the claim, the server process is the JVM that runs"
                + " Tendril's claim code from the bench tool (ClaimBench), JIT and GC included."
                + " On 2 cores shared with the load generator, this shows which side a figure"
                + " is bound by.");
        line("");
        line("| figure | server ms | PostgreSQL ms |");
        line("|---|---|---|");
        for (String key : List.of("H", "capture", "P", "pixel", "click", "sender", "Q",
                "Q1", "claim", "import")) {
            if (values.containsKey(key + ".cpu_app") || values.containsKey(key + ".cpu_db")) {
                String app = values.containsKey(key + ".cpu_app") ? median(key + ".cpu_app")
                        : "none: pgbench is the client";
                line("| " + key + " | " + app + " | " + median(key + ".cpu_db") + " |");
            }
        }
        line("");
    }

    private void threads() {
        line("## Virtual threads and platform threads");
        line("");
        line("Jetty's request handling on each kind of thread, on the same JVM ("
                + meta("java") + "); `TENDRIL_VIRTUAL_THREADS` switches it.");
        line("");
        line("| figure | platform threads | virtual threads | virtual / platform |");
        line("|---|---|---|---|");
        pair("H req/s", "H.rps", "H.vt.rps");
        pair("H p99 ms", "H.p99", "H.vt.p99");
        pair("capture req/s", "capture.rps", "capture.vt.rps");
        pair("capture p99 ms", "capture.p99", "capture.vt.p99");
        pair("pixel req/s", "pixel.rps", "pixel.vt.rps");
        pair("pixel p99 ms", "pixel.p99", "pixel.vt.p99");
        line("");
        if (meta.containsKey("threads verdict")) {
            line(meta.get("threads verdict"));
            line("");
        }
    }

    private void memory() {
        line("## Memory during sustained capture load");
        line("");
        line("| figure | at " + meta("small leads") + " leads | at " + meta("large leads")
                + " leads |");
        line("|---|---|---|");
        memoryRow("resident set, highest sample, MB", "rss.max", "rss.big.max");
        memoryRow("heap used, highest sample, MB", "heap.max", "heap.big.max");
        memoryRow("heap committed, highest sample, MB", "heap.committed",
                "heap.big.committed");
        memoryRow("live heap after a full GC, MB", "heap.live", "heap.big.live");
        line("");
    }

    private void ref(String name, String what, String key, String unit) {
        line("| " + name + " | " + what + " | " + median(key) + " " + unit + " | " + range(key)
                + " | " + spread(key) + " |");
    }

    private void row(String path, String figure, String key, String unit, String refKey,
            double target, String refName) {
        Double ratio = ratio(key, refKey);
        line("| " + path + " | " + figure + " | " + median(key) + " " + unit + " | " + range(key)
                + " | " + (ratio == null ? "n/a" : percent(ratio) + " of " + refName) + " | >= "
                + percent(target) + " of " + refName + " | " + met(ratio == null ? null
                        : ratio >= target) + " |");
    }

    private void limit(String path, String figure, String key, double maxMillis) {
        Double m = med(key);
        line("| " + path + " | " + figure + " | " + median(key) + " ms | " + range(key)
                + " | | <= " + fmt(maxMillis) + " ms | " + met(m == null ? null : m <= maxMillis)
                + " |");
    }

    private void ceiling(String path, String figure, String key, double max) {
        Double m = med(key);
        line("| " + path + " | " + figure + " | " + median(key) + " | " + range(key)
                + " | | <= " + fmt(max) + " | " + met(m == null ? null : m <= max) + " |");
    }

    private void floor(String path, String figure, String key, String unit, double min) {
        Double m = med(key);
        line("| " + path + " | " + figure + " | " + median(key) + " " + unit + " | " + range(key)
                + " | | >= " + fmt(min) + " " + unit + " | " + met(m == null ? null : m >= min)
                + " |");
    }

    private void scale(String figure, String small, String large, String target,
            java.util.function.BiPredicate<Double, Double> check) {
        Double a = med(small);
        Double b = med(large);
        String change = a == null || b == null ? "n/a"
                : String.format(Locale.ROOT, "%+.0f%%", (b / a - 1) * 100);
        String met = check == null ? "" : met(a == null || b == null ? null : check.test(a, b));
        line("| " + figure + " | " + median(small) + " | " + median(large) + " | " + change + " | "
                + target + " | " + met + " |");
    }

    private void pair(String figure, String platform, String virtual) {
        Double ratio = ratio(virtual, platform);
        line("| " + figure + " | " + median(platform) + " (" + range(platform) + ") | "
                + median(virtual) + " (" + range(virtual) + ") | "
                + (ratio == null ? "n/a" : percent(ratio)) + " |");
    }

    private void memoryRow(String figure, String small, String large) {
        line("| " + figure + " | " + median(small) + " | " + median(large) + " |");
    }

    private String percentOfMax() {
        Double paced = med("capture.paced.rps");
        Double max = med("capture.rps");
        return paced == null || max == null ? "n/a" : percent(paced / max) + " ("
                + fmt(paced) + " req/s)";
    }

    private Double ratio(String key, String refKey) {
        Double a = med(key);
        Double b = med(refKey);
        return a == null || b == null || b == 0 ? null : a / b;
    }

    private Double med(String key) {
        List<Double> list = values.get(key);
        if (list == null || list.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(list);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String median(String key) {
        Double m = med(key);
        return m == null ? "not measured" : fmt(m);
    }

    private String range(String key) {
        List<Double> list = values.get(key);
        if (list == null || list.isEmpty()) {
            return "";
        }
        return fmt(Collections.min(list)) + " to " + fmt(Collections.max(list));
    }

    private String spread(String key) {
        List<Double> list = values.get(key);
        Double m = med(key);
        if (list == null || list.size() < 2 || m == null || m == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f%%",
                (Collections.max(list) - Collections.min(list)) / m * 100);
    }

    private String meta(String key) {
        return meta.getOrDefault(key, "?");
    }

    private static String met(Boolean ok) {
        return ok == null ? "n/a" : ok ? "yes" : "**no**";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.1f%%" : "%.0f%%", ratio * 100);
    }

    private static String fmt(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) < 1 && value != 0) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
