package io.tendril.report;

import io.tendril.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the reports from the rollup counters. Rates are fractions of the emails delivered
 * (sent minus bounced), with two decimals kept for percentages; they are null when nothing
 * was delivered. Machine opens and clicks never enter a rate.
 */
public final class ReportService {

    private final Jdbi jdbi;

    public ReportService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The report of a range: its days, when the rollup last moved, and its rows. */
    public record Report(DateRange range, Instant rolledUpAt, List<Map<String, Object>> rows) {
    }

    /** One sequence's totals, its steps, and its daily series. */
    public record SequenceReport(DateRange range, Instant rolledUpAt, Map<String, Object> totals,
            List<Map<String, Object>> steps, List<Map<String, Object>> days) {
    }

    /**
     * Returns each sequence's totals. With {@code withSteps}, each row lists its steps under
     * "steps".
     */
    public Report sequences(DateRange range, boolean withSteps) {
        return jdbi.withHandle(h -> {
            ReportDao dao = h.attach(ReportDao.class);
            List<Map<String, Object>> rows = withRates(dao.listSequenceTotals(range.from(),
                    range.to(), null));
            if (withSteps) {
                List<Map<String, Object>> steps = withRates(dao.listStepTotals(range.from(),
                        range.to(), null));
                for (Map<String, Object> row : rows) {
                    row.put("steps", steps.stream()
                            .filter(s -> s.get("sequence_id").equals(row.get("id"))).toList());
                }
            }
            return new Report(range, rolledUpAt(h.attach(RollupDao.class)), rows);
        });
    }

    /**
     * Returns one sequence's totals, steps and daily series.
     *
     * @throws ApiException 404 when the sequence does not exist
     */
    public SequenceReport sequence(long sequenceId, DateRange range) {
        return jdbi.withHandle(h -> {
            ReportDao dao = h.attach(ReportDao.class);
            List<Map<String, Object>> totals = dao.listSequenceTotals(range.from(), range.to(),
                    sequenceId);
            if (totals.isEmpty()) {
                throw ApiException.notFound("Sequence " + sequenceId);
            }
            return new SequenceReport(range, rolledUpAt(h.attach(RollupDao.class)),
                    withRates(totals).get(0),
                    withRates(dao.listStepTotals(range.from(), range.to(), sequenceId)),
                    dao.listSequenceDays(range.from(), range.to(), sequenceId));
        });
    }

    public Report forms(DateRange range) {
        return jdbi.withHandle(h -> new Report(range, rolledUpAt(h.attach(RollupDao.class)),
                h.attach(ReportDao.class).listFormTotals(range.from(), range.to())));
    }

    public Report campaigns(DateRange range) {
        return jdbi.withHandle(h -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : h.attach(ReportDao.class)
                    .listCampaignTotals(range.from(), range.to())) {
                for (String key : List.of("utm_source", "utm_medium", "utm_campaign")) {
                    if ("".equals(row.get(key))) {
                        row.put(key, null);
                    }
                }
                rows.add(row);
            }
            return new Report(range, rolledUpAt(h.attach(RollupDao.class)), withRates(rows));
        });
    }

    private static Instant rolledUpAt(RollupDao dao) {
        return dao.findState().updatedAt();
    }

    /** Adds delivered, open_rate and click_rate to rows that have sent and bounced figures. */
    private static List<Map<String, Object>> withRates(List<Map<String, Object>> rows) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            long delivered = number(row, "sent") - number(row, "bounced");
            copy.put("delivered", delivered);
            copy.put("open_rate", rate(number(row, "human_opens"), delivered));
            copy.put("click_rate", rate(number(row, "human_clicks"), delivered));
            result.add(copy);
        }
        return result;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** Returns part / whole rounded to 4 decimals, or null when whole is not positive. */
    static Double rate(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        return Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
