package io.tendril.report;

import io.tendril.http.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The scope of the admin reports page: the range, and each table's rows as display text. */
public final class ReportPage {

    private ReportPage() {
    }

    /**
     * Returns the page's scope for the {@code from} and {@code to} query values. An invalid
     * range shows its error above the tables, which then cover the default range.
     */
    public static Map<String, Object> scope(ReportService reports, String from, String to,
            Clock clock) {
        Map<String, Object> scope = new HashMap<>();
        DateRange range;
        try {
            range = DateRange.parse(from, to, clock);
        } catch (ValidationException e) {
            scope.put("error", e.fields().values().iterator().next());
            scope.put("errorField", e.fields().keySet().iterator().next());
            range = DateRange.parse(null, null, clock);
        }
        scope.put("from", range.from().toString());
        scope.put("to", range.to().toString());

        ReportService.Report sequences = reports.sequences(range, true);
        scope.put("rolledUpAt", sequences.rolledUpAt().toString());
        List<Map<String, Object>> sequenceRows = new ArrayList<>();
        for (Map<String, Object> row : sequences.rows()) {
            Map<String, Object> view = emailFigures(row);
            view.put("name", row.get("name"));
            view.put("status", row.get("status"));
            view.put("conversions", number(row.get("conversions")));
            List<Map<String, Object>> steps = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> stepRows = (List<Map<String, Object>>) row.get("steps");
            for (Map<String, Object> step : stepRows) {
                Map<String, Object> stepView = emailFigures(step);
                String name = String.valueOf(step.get("name"));
                stepView.put("label", "Step " + step.get("position") + " (version "
                        + step.get("version") + "): " + (name.isBlank()
                                ? String.valueOf(step.get("subject")) : name));
                steps.add(stepView);
            }
            view.put("steps", steps);
            sequenceRows.add(view);
        }
        scope.put("sequences", sequenceRows);

        List<Map<String, Object>> formRows = new ArrayList<>();
        for (Map<String, Object> row : reports.forms(range).rows()) {
            Map<String, Object> view = new HashMap<>();
            view.put("name", row.get("name"));
            view.put("slug", row.get("slug"));
            for (String column : List.of("submissions", "new_leads", "confirmed",
                    "conversions")) {
                view.put(column, number(row.get(column)));
            }
            formRows.add(view);
        }
        scope.put("forms", formRows);

        List<Map<String, Object>> campaignRows = new ArrayList<>();
        for (Map<String, Object> row : reports.campaigns(range).rows()) {
            Map<String, Object> view = new HashMap<>();
            for (String column : List.of("utm_source", "utm_medium", "utm_campaign")) {
                view.put(column, row.get(column) == null ? "(none)" : row.get(column));
            }
            for (String column : List.of("leads", "submissions", "sent", "human_opens",
                    "human_clicks", "conversions")) {
                view.put(column, number(row.get(column)));
            }
            view.put("open_rate", percent(row.get("open_rate")));
            view.put("click_rate", percent(row.get("click_rate")));
            campaignRows.add(view);
        }
        scope.put("campaigns", campaignRows);
        return scope;
    }

    private static Map<String, Object> emailFigures(Map<String, Object> row) {
        Map<String, Object> view = new HashMap<>();
        for (String column : List.of("sent", "failed", "bounced", "complaints", "unsubscribes",
                "human_opens", "human_clicks", "machine_opens", "machine_clicks")) {
            view.put(column, number(row.get(column)));
        }
        view.put("open_rate", percent(row.get("open_rate")));
        view.put("click_rate", percent(row.get("click_rate")));
        return view;
    }

    private static String number(Object value) {
        return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }

    /** Returns a rate as a percentage with one decimal, or a dash when nothing was delivered. */
    private static String percent(Object rate) {
        if (rate == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%%", ((Number) rate).doubleValue() * 100);
    }
}
