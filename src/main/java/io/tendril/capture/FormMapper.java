package io.tendril.capture;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.http.Json;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@code forms} whose jsonb columns were selected as text. */
public final class FormMapper implements RowMapper<Form> {

    private static final TypeReference<List<FormField>> FIELDS = new TypeReference<>() {
    };

    @Override
    public Form map(ResultSet rs, StatementContext ctx) throws SQLException {
        long id = rs.getLong("id");
        List<FormField> fields;
        Form.Landing landing;
        try {
            fields = Json.MAPPER.readValue(rs.getString("fields"), FIELDS);
            landing = Json.MAPPER.readValue(rs.getString("landing"), Form.Landing.class);
        } catch (IOException e) {
            throw new SQLException("Invalid fields or landing JSON in form " + id, e);
        }
        SpamSettings spam = new SpamSettings(
                rs.getInt("min_fill_seconds"),
                rs.getBoolean("require_render_token"),
                rs.getInt("pow_bits"),
                rs.getInt("ip_limit"),
                rs.getInt("ip_limit_seconds"),
                rs.getInt("email_limit"),
                rs.getInt("email_limit_seconds"));
        return new Form(
                id,
                rs.getString("slug"),
                rs.getString("name"),
                fields,
                strings(rs.getArray("allowed_origins")),
                rs.getObject("sequence_id", Long.class),
                rs.getString("consent_text"),
                rs.getInt("consent_version"),
                rs.getString("thank_you_url"),
                rs.getString("thank_you_message"),
                rs.getBoolean("double_opt_in"),
                strings(rs.getArray("tags")),
                rs.getString("stage"),
                landing,
                spam,
                rs.getString("status"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
