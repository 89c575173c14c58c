package io.tendril.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records one at a time from a character stream, as RFC 4180 describes them: fields
 * in double quotes may contain the delimiter, line breaks and doubled quotes. Lines end with
 * LF, CR LF or CR. A leading byte order mark and blank lines are skipped. Characters after a
 * closing quote are kept as part of the field, as spreadsheet programs read them.
 */
final class CsvReader {

    /** The delimiters that {@link #detectDelimiter} chooses from. */
    static final char[] DELIMITERS = {',', ';', '\t'};

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean started;
    private char delimiter = ',';
    /** The physical line of the next character, from 1. */
    private int line = 1;
    private int recordLine;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();

    CsvReader(Reader in) {
        this.in = in;
    }

    void delimiter(char delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * Returns the delimiter that occurs most often outside quotes in the first line, or a comma
     * when the line contains none of {@link #DELIMITERS}. Consumes nothing.
     */
    char detectDelimiter() throws IOException {
        start();
        while (limit < buffer.length && !hasLineEnd()) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                break;
            }
            limit += read;
        }
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = position; i < limit; i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    counts[d] += c == DELIMITERS[d] ? 1 : 0;
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            best = counts[d] > counts[best] ? d : best;
        }
        return counts[best] > 0 ? DELIMITERS[best] : ',';
    }

    private boolean hasLineEnd() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the next record that is not a blank line into {@link #fields}; returns false at the
     * end of the input.
     *
     * @throws UnclosedQuoteException when the input ends inside a quoted field
     */
    boolean next() throws IOException {
        start();
        while (true) {
            if (!fill()) {
                return false;
            }
            recordLine = line;
            fields.clear();
            boolean blank = readRecord();
            if (!blank) {
                return true;
            }
        }
    }

    /** The fields of the current record; reused by the next call to {@link #next}. */
    List<String> fields() {
        return fields;
    }

    /** The physical line being read, from 1. */
    int line() {
        return line;
    }

    /** The line on which the current record starts, from 1. */
    int recordLine() {
        return recordLine;
    }

    /** Reads one record; returns true when it was a blank line. */
    private boolean readRecord() throws IOException {
        field.setLength(0);
        boolean quotedAny = false;
        boolean atFieldStart = true;
        while (true) {
            if (position == limit && !fill()) {
                fields.add(field.toString());
                return fields.size() == 1 && field.isEmpty() && !quotedAny;
            }
            char c = buffer[position++];
            if (c == '"' && atFieldStart) {
                quotedAny = true;
                readQuoted();
                atFieldStart = false;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c == '\n' || c == '\r') {
                endLine(c);
                fields.add(field.toString());
                return fields.size() == 1 && field.isEmpty() && !quotedAny;
            } else {
                int start = position - 1;
                while (position < limit && buffer[position] != delimiter
                        && buffer[position] != '\n' && buffer[position] != '\r') {
                    position++;
                }
                field.append(buffer, start, position - start);
                atFieldStart = false;
            }
        }
    }

    /** Reads a quoted field's content after its opening quote, up to its closing quote. */
    private void readQuoted() throws IOException {
        int startLine = line;
        while (true) {
            if (position == limit && !fill()) {
                throw new UnclosedQuoteException(startLine);
            }
            char c = buffer[position++];
            if (c == '"') {
                if (position == limit && !fill()) {
                    return;
                }
                if (buffer[position] != '"') {
                    return;
                }
                position++;
                field.append('"');
            } else {
                if (c == '\n' || c == '\r') {
                    line++;
                    if (c == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                        position++;
                        field.append('\r');
                        c = '\n';
                    }
                }
                field.append(c);
            }
        }
    }

    /** Counts a line break, consuming the LF of a CR LF pair. */
    private void endLine(char c) throws IOException {
        line++;
        if (c == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
            position++;
        }
    }

    /** Reads the first characters and drops a byte order mark. */
    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        if (fill() && buffer[position] == '\uFEFF') {
            position++;
        }
    }

    /** Makes at least one unread character available; returns false at the end of input. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    /** The input ended inside a quoted field, which began on {@link #line()}. */
    static final class UnclosedQuoteException extends IOException {
        private final int line;

        UnclosedQuoteException(int line) {
            super("The quoted value that starts on line " + line + " has no closing quote.");
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
