package io.tendril.lead;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes leads as CSV, streamed from a database cursor so that an export of any size runs in
 * bounded memory. The columns are id, the ones the CSV import reads (email, name, phone, company,
 * time_zone, stage, tags), then score, status, created_at and the first touch's UTM source,
 * medium and campaign, then one column per attribute name.
 */
public final class LeadExport {

    private static final Logger log = LoggerFactory.getLogger(LeadExport.class);

    private static final List<String> FIXED = List.of("id", "email", "name", "phone", "company",
            "time_zone", "stage", "tags", "score", "status", "created_at", "first_utm_source",
            "first_utm_medium", "first_utm_campaign");
    private static final int FETCH_SIZE = 1000;
    /** A number or phone number such as +49 30 1234, which a spreadsheet shows as it is. */
    private static final Pattern SIGNED_NUMBER = Pattern.compile("[+-][0-9][0-9 ().-]*");

    private final Jdbi jdbi;
    private final ClasspathSqlLocator sql = ClasspathSqlLocator.removingComments();

    public LeadExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Writes the leads {@code filter} selects to {@code out} as UTF-8 CSV; returns the count. */
    public long writeCsv(LeadFilter filter, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                1 << 16);
        long count = jdbi.inTransaction(handle -> {
            List<String> attributes = bind(handle.createQuery(sql.locate(LeadExport.class,
                    "attributeNames")), filter).mapTo(String.class).list();
            List<String> header = new ArrayList<>(FIXED);
            header.addAll(attributes);
            writeRow(writer, header);

            Query leads = bind(handle.createQuery(sql.locate(LeadExport.class, "leads")), filter);
            leads.setFetchSize(FETCH_SIZE);
            long[] written = {0};
            leads.map((rs, ctx) -> row(rs, attributes)).useStream(rows -> rows.forEach(row -> {
                writeRow(writer, row);
                written[0]++;
            }));
            return written[0];
        });
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Exported {} leads as CSV", count);
        return count;
    }

    private static Query bind(Query query, LeadFilter filter) {
        return query.bind("status", filter.status()).bind("stage", filter.stage())
                .bind("tag", filter.tag());
    }

    private static List<String> row(ResultSet rs, List<String> attributes) throws SQLException {
        List<String> row = new ArrayList<>(FIXED.size() + attributes.size());
        row.add(String.valueOf(rs.getLong("id")));
        row.add(rs.getString("email"));
        row.add(rs.getString("name"));
        row.add(rs.getString("phone"));
        row.add(rs.getString("company"));
        row.add(rs.getString("time_zone"));
        row.add(rs.getString("stage"));
        Array tags = rs.getArray("tags");
        row.add(tags == null ? "" : String.join(",", Arrays.asList((String[]) tags.getArray())));
        row.add(String.valueOf(rs.getInt("score")));
        row.add(rs.getString("status"));
        row.add(rs.getTimestamp("created_at").toInstant().toString());
        row.add(rs.getString("utm_source"));
        row.add(rs.getString("utm_medium"));
        row.add(rs.getString("utm_campaign"));
        JsonNode values = Json.read(rs.getString("attributes"), JsonNode.class);
        for (String name : attributes) {
            JsonNode value = values.get(name);
            row.add(value == null || value.isNull() ? ""
                    : value.isTextual() ? value.asText() : value.toString());
        }
        return row;
    }

    private static void writeRow(Writer writer, List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    writer.write(',');
                }
                writer.write(cell(cells.get(i)));
            }
            writer.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Quotes a value as RFC 4180 requires. A value a spreadsheet would run as a formula (starting
     * with =, @, a tab or a carriage return, or with + or - unless it is a number) gets a
     * leading apostrophe, because form values come from anyone on the web.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && !SIGNED_NUMBER.matcher(value).matches());
        String text = formula ? "'" + value : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0
                && text.indexOf('\r') < 0) {
            return text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
