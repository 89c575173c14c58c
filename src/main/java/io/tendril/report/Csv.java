package io.tendril.report;

import java.util.List;
import java.util.Map;

/** Writes report rows as RFC 4180 CSV with a header line taken from the first row's columns. */
final class Csv {

    private Csv() {
    }

    static String write(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        if (rows.isEmpty()) {
            return "";
        }
        List<String> columns = rows.get(0).keySet().stream()
                .filter(column -> !(rows.get(0).get(column) instanceof List)).toList();
        out.append(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(row.get(columns.get(i))));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * Quotes a value when it needs it. A text starting with =, +, - or @ gets a leading
     * apostrophe, so a spreadsheet shows a sequence or form name as text and never runs it as
     * a formula.
     */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n")
                || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
