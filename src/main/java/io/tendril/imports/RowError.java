package io.tendril.imports;

/**
 * A problem with one value of an imported file.
 *
 * @param line the file line on which the row starts, the header being line 1
 * @param column the column's name as the header writes it, or null for the row as a whole
 * @param value the value as the file has it, cut to {@link #MAX_VALUE} characters
 */
public record RowError(int line, String column, String value, String message) {

    /** The maximum length of a value that an error repeats, in characters. */
    static final int MAX_VALUE = 100;

    static RowError of(int line, String column, String value, String message) {
        String shown = value == null || value.length() <= MAX_VALUE ? value
                : value.substring(0, MAX_VALUE) + "…";
        return new RowError(line, column, shown, message);
    }
}
