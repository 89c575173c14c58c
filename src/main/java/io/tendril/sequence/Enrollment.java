package io.tendril.sequence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One lead's run through one version of a sequence. {@code nextPosition} 0 means the first
 * step is not scheduled yet; {@code status} is active, paused, completed or exited.
 */
public record Enrollment(long id, long leadId, long sequenceId, Long formId, int version,
        int nextPosition, Instant nextDueAt, String status, String exitReason,
        Instant createdAt, Instant updatedAt, Instant endedAt) {

    /** Returns true while the enrollment runs: active, or paused with its sequence. */
    public boolean running() {
        return status.equals("active") || status.equals("paused");
    }

    /** Maps a row of {@code enrollments}. */
    public static final class Mapper implements RowMapper<Enrollment> {
        @Override
        public Enrollment map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Enrollment(rs.getLong("id"), rs.getLong("lead_id"),
                    rs.getLong("sequence_id"), rs.getObject("form_id", Long.class),
                    rs.getInt("version"), rs.getInt("next_position"),
                    instant(rs.getTimestamp("next_due_at")), rs.getString("status"),
                    rs.getString("exit_reason"), instant(rs.getTimestamp("created_at")),
                    instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("ended_at")));
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }
}
