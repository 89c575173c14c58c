package io.tendril.lead;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.http.Json;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A lead as the API shows it. */
public record Lead(
        long id,
        String email,
        String name,
        String phone,
        String company,
        Map<String, Object> attributes,
        String timeZone,
        String stage,
        int score,
        List<String> tags,
        String status,
        Map<String, Object> firstTouch,
        Map<String, Object> lastTouch,
        Instant createdAt,
        Instant updatedAt) {

    /** Returns the address for pages to show, or "Erased lead ID" once it is erased. */
    public String displayEmail() {
        return email.isEmpty() ? "Erased lead " + id : email;
    }

    /** Returns whether the lead's personal data was erased. */
    public boolean erased() {
        return status.equals("erased");
    }

    /** Maps a row of {@code leads} whose jsonb columns were selected as text. */
    public static final class Mapper implements RowMapper<Lead> {
        private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
        };

        @Override
        public Lead map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Lead(
                    rs.getLong("id"),
                    rs.getString("email"),
                    rs.getString("name"),
                    rs.getString("phone"),
                    rs.getString("company"),
                    json(rs.getString("attributes")),
                    rs.getString("time_zone"),
                    rs.getString("stage"),
                    rs.getInt("score"),
                    strings(rs.getArray("tags")),
                    rs.getString("status"),
                    json(rs.getString("first_touch")),
                    json(rs.getString("last_touch")),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }

        static Map<String, Object> json(String text) {
            try {
                return Json.MAPPER.readValue(text, MAP);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Invalid JSON in a jsonb column", e);
            }
        }

        static List<String> strings(Array array) throws SQLException {
            return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        }
    }
}
