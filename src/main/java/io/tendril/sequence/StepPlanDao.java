package io.tendril.sequence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the steps of one sequence version as the due pass runs them. */
@UseClasspathSqlLocator
public interface StepPlanDao {

    @SqlQuery
    @RegisterRowMapper(StepPlanDao.Mapper.class)
    List<StepPlan> findSteps(@Bind("sequenceId") long sequenceId, @Bind("version") int version);

    /** The stored action code of step {@code stepId}, such as {@code email} or {@code add_tag}. */
    @SqlQuery
    Optional<String> findAction(@Bind("stepId") long stepId);

    /** Maps a {@code steps} row. */
    final class Mapper implements org.jdbi.v3.core.mapper.RowMapper<StepPlan> {
        @Override
        public StepPlan map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StepPlan(rs.getLong("id"), rs.getInt("position"), rs.getString("name"),
                    StepPlan.Action.of(rs.getString("action")), rs.getString("action_value"),
                    Condition.parse(rs.getString("condition")), wait(rs),
                    window(rs.getArray("window_days"), rs.getObject("window_start",
                            LocalTime.class), rs.getObject("window_end", LocalTime.class)),
                    rs.getString("subject_template"), rs.getString("html_template"),
                    rs.getString("text_template"));
        }

        private static Wait wait(ResultSet rs) throws SQLException {
            int amount = rs.getInt("wait_amount");
            return switch (rs.getString("wait_unit")) {
                case "hours" -> Wait.hours(amount);
                case "days" -> Wait.days(amount);
                case "weekday" -> Wait.next(DayOfWeek.of(rs.getInt("wait_weekday")),
                        rs.getObject("wait_time", LocalTime.class));
                default -> Wait.minutes(amount);
            };
        }
    }

    /** A send window from its columns; null when {@code start} is null (no window). */
    static SendWindow window(Array days, LocalTime start, LocalTime end) throws SQLException {
        if (start == null || days == null) {
            return null;
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        for (Object day : (Object[]) days.getArray()) {
            weekdays.add(DayOfWeek.of(((Number) day).intValue()));
        }
        return new SendWindow(weekdays, start, end);
    }
}
