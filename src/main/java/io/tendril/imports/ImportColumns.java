package io.tendril.imports;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tendril.capture.SubmissionValidator;
import io.tendril.http.ApiException;
import io.tendril.lead.LeadAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of an imported file, from its header row: the lead fields matched by name (case
 * and surrounding spaces ignored), and every other named column as a lead attribute. A column
 * with an empty name, such as the one a trailing delimiter makes, contains no data.
 */
final class ImportColumns {

    static final List<String> FIELDS = List.of("email", "name", "phone", "company", "time_zone",
            "stage", "tags");

    /** A column that becomes a lead attribute; {@code jsonName} is its name as JSON text. */
    record Attribute(int index, String name, String jsonName) {
    }

    private final List<String> names;
    private final Map<String, Integer> fields;
    private final List<Attribute> attributes;

    private ImportColumns(List<String> names, Map<String, Integer> fields,
            List<Attribute> attributes) {
        this.names = names;
        this.fields = fields;
        this.attributes = attributes;
    }

    /**
     * Reads the header row.
     *
     * @throws ApiException 422 when the email column is missing, a name appears twice, or an
     *     attribute column is not a valid attribute name
     */
    static ImportColumns of(List<String> header, char delimiter, boolean delimiterGiven) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> fields = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = SubmissionValidator.clean(header.get(i).replace("\uFEFF", ""), false);
            names.add(name);
            if (name.isEmpty()) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            Integer earlier = seen.put(key, i);
            if (earlier != null) {
                throw headerError("Column '" + name + "' appears twice, as columns "
                        + (earlier + 1) + " and " + (i + 1) + "; rename or remove one.", names);
            }
            if (FIELDS.contains(key)) {
                fields.put(key, i);
                continue;
            }
            if (LeadAttributes.RESERVED.contains(key)) {
                // A column of the lead export that an import cannot set (id, score, status...):
                // skipped, so that an export imports again as it is.
                continue;
            }
            String nameError = LeadAttributes.nameError(name);
            if (nameError != null) {
                throw headerError("Column " + (i + 1) + " cannot become a lead attribute: "
                        + nameError, names);
            }
            attributes.add(new Attribute(i, name, "\"" + new String(JsonStringEncoder
                    .getInstance().quoteAsString(name)) + "\""));
        }
        if (!fields.containsKey("email")) {
            throw missingEmail(names, delimiter, delimiterGiven);
        }
        if (attributes.size() > LeadAttributes.MAX_ATTRIBUTES) {
            throw headerError("The file has " + attributes.size() + " attribute columns; a lead"
                    + " takes at most " + LeadAttributes.MAX_ATTRIBUTES + " at once.", names);
        }
        return new ImportColumns(List.copyOf(names), fields, List.copyOf(attributes));
    }

    /** The index of a lead field's column, or -1 when the file has none. */
    int index(String field) {
        return fields.getOrDefault(field, -1);
    }

    List<Attribute> attributes() {
        return attributes;
    }

    /** The column names as the header writes them, trimmed; empty for an unnamed column. */
    List<String> names() {
        return names;
    }

    private static ApiException missingEmail(List<String> names, char delimiter,
            boolean delimiterGiven) {
        String message = "The header row has no 'email' column. Columns found: "
                + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()) + ".";
        for (char other : CsvReader.DELIMITERS) {
            boolean inName = names.stream().anyMatch(n -> n.indexOf(other) >= 0);
            if (other != delimiter && inName) {
                message += " The header contains " + describe(other) + (delimiterGiven
                        ? "; choose that delimiter instead of " + describe(delimiter) + "."
                        : "; choose that delimiter.");
                break;
            }
        }
        return headerError(message, names);
    }

    static String describe(char delimiter) {
        return switch (delimiter) {
            case ',' -> "commas (',')";
            case ';' -> "semicolons (';')";
            default -> "tabs";
        };
    }

    private static ApiException headerError(String message, List<String> names) {
        return new ApiException(422, "invalid_header", message, Map.of("columns", names));
    }
}
