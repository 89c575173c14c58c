package io.tendril.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One entry of a lead's timeline. */
public record Event(
        long id,
        long leadId,
        String type,
        Long messageId,
        Long submissionId,
        boolean human,
        Map<String, Object> data,
        Instant occurredAt) {

    /** Maps a row of {@code events} whose data column was selected as text. */
    public static final class Mapper implements RowMapper<Event> {
        @Override
        public Event map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Event(
                    rs.getLong("id"),
                    rs.getLong("lead_id"),
                    rs.getString("type"),
                    rs.getObject("message_id", Long.class),
                    rs.getObject("submission_id", Long.class),
                    rs.getBoolean("human"),
                    Lead.Mapper.json(rs.getString("data")),
                    rs.getTimestamp("occurred_at").toInstant());
        }
    }
}
