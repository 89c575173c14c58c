package io.tendril.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A SQL-object method's {@code .sql} file, with its {@code :named} parameters, run as a plain
 * JDBC prepared statement on a connection, in whatever transaction the connection is in.
 * Capture runs its statements this way: Jdbi's attaching, argument lookup and statement context
 * took more of a submission's CPU than the driver did. The file is read and parsed once.
 */
final class PlainStatement {

    private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();
    private static final ColonPrefixSqlParser PARSER = new ColonPrefixSqlParser();

    /** The kinds of bound value, each with the JDBC setter that {@link Values#bind} calls. */
    private static final byte TEXT = 1;
    private static final byte BIGINT = 2;
    private static final byte INTEGER = 3;
    private static final byte BOOLEAN = 4;
    /** Text whose type PostgreSQL infers from the parameter's place in the statement. */
    private static final byte UNTYPED = 5;

    private final String name;
    private final String sql;
    private final List<String> parameters;
    /** The 0-based positions of each parameter name, which may occur more than once. */
    private final Map<String, int[]> positions;

    private PlainStatement(String name, String sql, List<String> parameters) {
        this.name = name;
        this.sql = sql;
        this.parameters = parameters;
        Map<String, int[]> byName = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            int[] before = byName.getOrDefault(parameters.get(i), new int[0]);
            int[] after = Arrays.copyOf(before, before.length + 1);
            after[before.length] = i;
            byName.put(parameters.get(i), after);
        }
        this.positions = Map.copyOf(byName);
    }

    /** Reads {@code <dao's package>/<dao>/<method>.sql} from the classpath. */
    static PlainStatement of(Class<?> dao, String method) {
        String text = LOCATOR.locate(dao, method);
        ParsedSql parsed = PARSER.parse(text, null);
        return new PlainStatement(dao.getSimpleName() + "/" + method, parsed.getSql(),
                parsed.getParameters().getParameterNames());
    }

    /** Reads one column of a result row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Returns a new set of values for this statement's parameters. */
    Values values() {
        return new Values();
    }

    /**
     * Returns {@code time} as ISO-8601 text rounded to microseconds, PostgreSQL's precision, as
     * the driver rounds a bound {@code OffsetDateTime}. PostgreSQL parses it as the
     * {@code timestamptz} the statement expects. A bound {@code java.time} value instead made
     * the driver (pgjdbc 42.7) build a calendar-based formatter for every statement.
     */
    static String timestampText(Instant time) {
        return time.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** Returns {@code items} as a PostgreSQL array literal, each item quoted. */
    static String arrayText(String[] items) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            if (items[i] == null) {
                text.append("NULL");
                continue;
            }
            text.append('"');
            for (int j = 0; j < items[i].length(); j++) {
                char c = items[i].charAt(j);
                if (c == '"' || c == '\\') {
                    text.append('\\');
                }
                text.append(c);
            }
            text.append('"');
        }
        return text.append('}').toString();
    }

    /** The values of one run of the statement, by parameter name. */
    final class Values {

        private final Object[] values = new Object[parameters.size()];
        private final byte[] kinds = new byte[parameters.size()];

        /** Sets every occurrence of {@code parameter}, and ignores a name the SQL lacks. */
        private Values set(String parameter, byte kind, Object value) {
            int[] at = positions.get(parameter);
            if (at != null) {
                for (int i : at) {
                    kinds[i] = kind;
                    values[i] = value;
                }
            }
            return this;
        }

        Values text(String parameter, String value) {
            return set(parameter, TEXT, value);
        }

        Values number(String parameter, Long value) {
            return set(parameter, BIGINT, value);
        }

        Values integer(String parameter, int value) {
            return set(parameter, INTEGER, value);
        }

        Values bool(String parameter, boolean value) {
            return set(parameter, BOOLEAN, value);
        }

        /** Sets a {@code timestamptz} parameter, whose type PostgreSQL must infer. */
        Values time(String parameter, Instant value) {
            return set(parameter, UNTYPED, timestampText(Objects.requireNonNull(value, parameter)));
        }

        /** Sets a {@code text[]} parameter, whose type PostgreSQL must infer. */
        Values texts(String parameter, String[] value) {
            return set(parameter, UNTYPED, arrayText(Objects.requireNonNull(value, parameter)));
        }

        /** Runs the statement and returns its only row, or null when it returned none. */
        <T> T queryOne(Connection connection, Row<T> row) {
            return run(connection, statement -> {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? row.read(rows) : null;
                }
            });
        }

        /** Runs the statement and returns the rows it changed. */
        int update(Connection connection) {
            return run(connection, PreparedStatement::executeUpdate);
        }

        private <T> T run(Connection connection, Run<T> execute) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < kinds.length; i++) {
                    bind(statement, i);
                }
                return execute.run(statement);
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("Running " + name + ".sql failed",
                        e, null);
            }
        }

        private void bind(PreparedStatement statement, int i) throws SQLException {
            Object value = values[i];
            switch (kinds[i]) {
                case TEXT -> statement.setString(i + 1, (String) value);
                case BIGINT -> {
                    if (value == null) {
                        statement.setNull(i + 1, Types.BIGINT);
                    } else {
                        statement.setLong(i + 1, (Long) value);
                    }
                }
                case INTEGER -> statement.setInt(i + 1, (Integer) value);
                case BOOLEAN -> statement.setBoolean(i + 1, (Boolean) value);
                case UNTYPED -> statement.setObject(i + 1, value, Types.OTHER);
                default -> throw new IllegalArgumentException("No value for :"
                        + parameters.get(i) + " of " + name + ".sql");
            }
        }
    }

    /** Executes a prepared statement whose parameters are set. */
    @FunctionalInterface
    private interface Run<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
