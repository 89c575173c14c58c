package io.tendril.imports;

import com.fasterxml.jackson.databind.node.TextNode;
import io.tendril.capture.FormField;
import io.tendril.capture.SubmissionValidator;
import io.tendril.lead.EmailAddress;
import io.tendril.lead.LeadAttributes;
import io.tendril.lead.LeadLabels;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks one data row of an imported file and writes it as a line of PostgreSQL's COPY text
 * format, with the columns of {@code ImportDao/createRows.sql}. Values are cleaned as capture
 * cleans them; the email is normalised by {@link EmailAddress}; name, phone and company have
 * capture's length limit; an attribute value has the limits of a lead edit. An empty value is
 * written as NULL, so it never erases what an existing lead has.
 */
final class RowConverter {

    /** Capture's length limit for name, phone and company, in characters. */
    static final int MAX_TEXT = FormField.DEFAULT_MAX_LENGTH;
    private static final int MAX_TIME_ZONE = 64;

    private final ImportColumns columns;
    private final List<String> optionTags;
    private final int email;
    private final int name;
    private final int phone;
    private final int company;
    private final int timeZone;
    private final int stage;
    private final int tags;
    private final StringBuilder out = new StringBuilder(256);
    private final List<String> rowTags = new ArrayList<>();
    private String emailKey;

    RowConverter(ImportColumns columns, List<String> optionTags) {
        this.columns = columns;
        this.optionTags = optionTags;
        this.email = columns.index("email");
        this.name = columns.index("name");
        this.phone = columns.index("phone");
        this.company = columns.index("company");
        this.timeZone = columns.index("time_zone");
        this.stage = columns.index("stage");
        this.tags = columns.index("tags");
    }

    /**
     * Checks {@code fields}, the row starting on {@code line}; returns its COPY line, ending in
     * a line feed, or null after adding each problem to {@code errors}.
     */
    String convert(List<String> fields, int line, List<RowError> errors) {
        int before = errors.size();
        out.setLength(0);
        out.append(line).append('\t');

        String rawEmail = cell(fields, email);
        try {
            EmailAddress address = EmailAddress.parse(rawEmail);
            text(address.address());
            out.append('\t');
            text(address.key());
            emailKey = address.key();
        } catch (EmailAddress.InvalidEmailException e) {
            errors.add(RowError.of(line, columnName(email), rawEmail, e.getMessage()));
        }
        out.append('\t');
        limited(fields, name, line, errors);
        limited(fields, phone, line, errors);
        limited(fields, company, line, errors);
        timeZone(fields, line, errors);
        stage(fields, line, errors);
        tags(fields, line, errors);
        attributes(fields, line, errors);
        extraValues(fields, line, errors);
        if (errors.size() > before) {
            return null;
        }
        out.setCharAt(out.length() - 1, '\n');
        return out.toString();
    }

    /** The email key of the row that {@link #convert} last returned a line for. */
    String emailKey() {
        return emailKey;
    }

    /** Returns whether every value of the row is empty, as on a line of delimiters only. */
    static boolean isBlank(List<String> fields) {
        for (String field : fields) {
            if (!field.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private void limited(List<String> fields, int index, int line, List<RowError> errors) {
        String value = cell(fields, index);
        if (value.isEmpty()) {
            out.append("\\N\t");
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_TEXT) {
            errors.add(RowError.of(line, columnName(index), value, "Too long: " + length
                    + " characters, at most " + MAX_TEXT + "."));
        }
        text(value);
        out.append('\t');
    }

    private void timeZone(List<String> fields, int line, List<RowError> errors) {
        String value = cell(fields, timeZone);
        if (value.isEmpty()) {
            out.append("\\N\t");
            return;
        }
        try {
            if (value.length() > MAX_TIME_ZONE) {
                throw new DateTimeException(value);
            }
            text(ZoneId.of(value).getId());
        } catch (DateTimeException e) {
            errors.add(RowError.of(line, columnName(timeZone), value, "Not a time zone; use an"
                    + " IANA name such as Europe/Berlin or America/New_York."));
        }
        out.append('\t');
    }

    private void stage(List<String> fields, int line, List<RowError> errors) {
        String value = cell(fields, stage).toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            out.append("\\N\t");
            return;
        }
        if (!LeadLabels.isStage(value)) {
            errors.add(RowError.of(line, columnName(stage), value, LeadLabels.STAGE_RULE));
        }
        text(value);
        out.append('\t');
    }

    /** Writes the row's tags and the import's as a PostgreSQL array literal. */
    private void tags(List<String> fields, int line, List<RowError> errors) {
        rowTags.clear();
        rowTags.addAll(optionTags);
        String raw = tags < 0 || tags >= fields.size() ? null : fields.get(tags);
        String error = ImportOptions.addTags(raw, rowTags);
        if (error != null) {
            errors.add(RowError.of(line, columnName(tags), raw, error));
        }
        out.append('{');
        for (int i = 0; i < rowTags.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"");
            for (int c = 0; c < rowTags.get(i).length(); c++) {
                char ch = rowTags.get(i).charAt(c);
                if (ch == '"' || ch == '\\') {
                    // Escaped for the array literal, then the backslash again for COPY.
                    out.append("\\\\");
                }
                out.append(ch == '\\' ? "\\\\" : String.valueOf(ch));
            }
            out.append('"');
        }
        out.append("}\t");
    }

    /** Writes the attribute columns' non-empty values as a JSON object of strings. */
    private void attributes(List<String> fields, int line, List<RowError> errors) {
        boolean first = true;
        out.append('{');
        for (ImportColumns.Attribute attribute : columns.attributes()) {
            String value = cell(fields, attribute.index());
            if (value.isEmpty()) {
                continue;
            }
            TextNode node = TextNode.valueOf(value);
            String error = LeadAttributes.valueError(node);
            if (error != null) {
                errors.add(RowError.of(line, attribute.name(), value, error));
                continue;
            }
            out.append(first ? "" : ",").append(attribute.jsonName()).append(':');
            text(node.toString());
            first = false;
        }
        out.append("}\t");
    }

    /** Reports values in unnamed columns and beyond the header's columns. */
    private void extraValues(List<String> fields, int line, List<RowError> errors) {
        List<String> names = columns.names();
        for (int i = 0; i < fields.size(); i++) {
            boolean unnamed = i >= names.size() || names.get(i).isEmpty();
            if (unnamed && !fields.get(i).isBlank()) {
                errors.add(RowError.of(line, null, fields.get(i), "Value in column " + (i + 1)
                        + ", which the header row does not name; the row has " + fields.size()
                        + " values and the header " + names.size() + " columns."));
                return;
            }
        }
    }

    /** Returns the cleaned value of column {@code index}; empty when the row is shorter. */
    private static String cell(List<String> fields, int index) {
        if (index < 0 || index >= fields.size()) {
            return "";
        }
        return SubmissionValidator.clean(fields.get(index), false);
    }

    private String columnName(int index) {
        return columns.names().get(index);
    }

    /** Appends a value that contains no control character, escaping backslashes for COPY. */
    private void text(String value) {
        if (value.indexOf('\\') < 0) {
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '\\' ? "\\\\" : String.valueOf(c));
        }
    }
}
