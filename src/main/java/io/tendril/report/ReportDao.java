package io.tendril.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.MapMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads the report counters. Each row is a map from column name to value, because the
 * columns go to JSON, CSV and the admin page unchanged.
 */
@UseClasspathSqlLocator
@RegisterRowMapper(MapMapper.class)
public interface ReportDao {

    @SqlQuery
    List<Map<String, Object>> listSequenceTotals(@Bind("from") LocalDate from,
            @Bind("to") LocalDate to, @Bind("sequenceId") Long sequenceId);

    @SqlQuery
    List<Map<String, Object>> listStepTotals(@Bind("from") LocalDate from,
            @Bind("to") LocalDate to, @Bind("sequenceId") Long sequenceId);

    @SqlQuery
    List<Map<String, Object>> listSequenceDays(@Bind("from") LocalDate from,
            @Bind("to") LocalDate to, @Bind("sequenceId") long sequenceId);

    @SqlQuery
    List<Map<String, Object>> listFormTotals(@Bind("from") LocalDate from,
            @Bind("to") LocalDate to);

    @SqlQuery
    List<Map<String, Object>> listCampaignTotals(@Bind("from") LocalDate from,
            @Bind("to") LocalDate to);
}
