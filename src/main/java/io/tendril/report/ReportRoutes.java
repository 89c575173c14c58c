package io.tendril.report;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports API under {@code /api/v1/reports}. Every report takes {@code from} and
 * {@code to} (UTC days, inclusive) and {@code format=csv}. Figures come from the rollup
 * counters, which run up to about 90 seconds behind the events; {@code rolled_up_at} is when
 * they last moved.
 */
public final class ReportRoutes {

    private final ReportService reports;
    private final Clock clock;

    public ReportRoutes(ReportService reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/reports/sequences", ctx -> {
            boolean csv = csv(ctx);
            ReportService.Report report = reports.sequences(range(ctx), false);
            answer(ctx, csv, report, report.rows());
        });
        routes.get("/api/v1/reports/sequences/{id}", this::sequence);
        routes.get("/api/v1/reports/forms", ctx -> {
            boolean csv = csv(ctx);
            ReportService.Report report = reports.forms(range(ctx));
            answer(ctx, csv, report, report.rows());
        });
        routes.get("/api/v1/reports/campaigns", ctx -> {
            boolean csv = csv(ctx);
            ReportService.Report report = reports.campaigns(range(ctx));
            answer(ctx, csv, report, report.rows());
        });
    }

    /** Sends the sequence's totals, steps and days; as CSV, its daily series. */
    private void sequence(Context ctx) {
        long id = Params.id(ctx, "Sequence");
        boolean csv = csv(ctx);
        ReportService.SequenceReport report = reports.sequence(id, range(ctx));
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(report.days()));
            return;
        }
        Map<String, Object> body = head(report.range(), report.rolledUpAt());
        body.put("sequence", report.totals());
        body.put("steps", report.steps());
        body.put("days", report.days());
        ctx.json(body);
    }

    private DateRange range(Context ctx) {
        return DateRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
    }

    private static boolean csv(Context ctx) {
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw ValidationException.of("format", "Must be json or csv; got '" + format + "'.");
    }

    private static void answer(Context ctx, boolean csv, ReportService.Report report,
            List<Map<String, Object>> rows) {
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(rows));
            return;
        }
        Map<String, Object> body = head(report.range(), report.rolledUpAt());
        body.put("data", rows);
        ctx.json(body);
    }

    private static Map<String, Object> head(DateRange range, java.time.Instant rolledUpAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("rolled_up_at", rolledUpAt.toString());
        return body;
    }
}
