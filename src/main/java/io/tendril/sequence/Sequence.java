package io.tendril.sequence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A sequence as the API shows it: its settings, the number of its current version, and how
 * many enrollments run it (active or paused).
 */
public record Sequence(long id, String key, String status, int version, SequenceSettings settings,
        long running, Instant createdAt, Instant updatedAt) {

    /** The settings its steps run under, for the timeline preview. */
    Advance.Settings runSettings() {
        return new Advance.Settings(ZoneId.of(settings.timeZone()), settings.window(),
                settings.goals());
    }

    /** Maps a row of {@code sequences} with goal_exits as text and a {@code running} count. */
    public static final class Mapper implements RowMapper<Sequence> {
        @Override
        public Sequence map(ResultSet rs, StatementContext ctx) throws SQLException {
            SendWindow window = StepPlanDao.window(rs.getArray("window_days"),
                    rs.getObject("window_start", LocalTime.class),
                    rs.getObject("window_end", LocalTime.class));
            SequenceSettings settings = new SequenceSettings(rs.getString("name"),
                    rs.getString("time_zone"), window,
                    GoalExits.parse(rs.getString("goal_exits")), rs.getString("reenroll"));
            return new Sequence(rs.getLong("id"), rs.getString("key"), rs.getString("status"),
                    rs.getInt("version"), settings, rs.getLong("running"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }
    }
}
