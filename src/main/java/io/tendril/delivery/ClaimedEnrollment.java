package io.tendril.delivery;

import io.tendril.sequence.Advance;
import io.tendril.sequence.GoalExits;
import io.tendril.sequence.LeadFacts;
import io.tendril.sequence.StepPlanDao;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A due enrollment locked by a claim, with what its step rules need. */
public record ClaimedEnrollment(long enrollmentId, long leadId, long sequenceId, int version,
        int position, String leadStatus, String email, String name, String company,
        String attributesJson, String leadTimeZone, String sequenceName, LeadFacts facts,
        Advance.Settings settings) {

    /** Maps a row of {@code claimEnrollments.sql}. */
    public static final class Mapper implements RowMapper<ClaimedEnrollment> {
        @Override
        public ClaimedEnrollment map(ResultSet rs, StatementContext ctx) throws SQLException {
            String attributes = rs.getString("attributes_json");
            String[] tags = (String[]) rs.getArray("tags").getArray();
            LeadFacts facts = LeadFacts.of(rs.getString("stage"), Set.copyOf(Arrays.asList(tags)),
                    attributes, rs.getInt("lead_score"), rs.getBoolean("previous_opened"),
                    rs.getBoolean("previous_clicked"));
            Advance.Settings settings = new Advance.Settings(zone(rs.getString("time_zone")),
                    StepPlanDao.window(rs.getArray("window_days"),
                            rs.getObject("window_start", LocalTime.class),
                            rs.getObject("window_end", LocalTime.class)),
                    GoalExits.parse(rs.getString("goal_exits_json")));
            return new ClaimedEnrollment(rs.getLong("enrollment_id"), rs.getLong("lead_id"),
                    rs.getLong("sequence_id"), rs.getInt("version"), rs.getInt("next_position"),
                    rs.getString("lead_status"), rs.getString("email"), rs.getString("name"),
                    rs.getString("company"), attributes, rs.getString("lead_time_zone"),
                    rs.getString("sequence_name"), facts, settings);
        }

        private static ZoneId zone(String name) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
    }
}
