package io.tendril.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A SQL-object method's {@code .sql} file, with its {@code :named} parameters, run as a plain
 * JDBC prepared statement on a Jdbi handle's connection and transaction. Capture runs its
 * statements this way: Jdbi's attaching, argument lookup and statement context took more of a
 * submission's CPU than the driver did. The file is read and parsed once.
 */
final class PlainStatement {

    private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();
    private static final ColonPrefixSqlParser PARSER = new ColonPrefixSqlParser();

    private final String name;
    private final String sql;
    private final List<String> parameters;

    private PlainStatement(String name, String sql, List<String> parameters) {
        this.name = name;
        this.sql = sql;
        this.parameters = parameters;
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

    /** Sets one parameter. */
    @FunctionalInterface
    private interface Setter {
        void set(PreparedStatement statement, int index) throws SQLException;
    }

    /** Returns a new set of values for this statement's parameters. */
    Values values() {
        return new Values();
    }

    /** The values of one run of the statement, by parameter name. */
    final class Values {

        private final Map<String, Setter> setters = new HashMap<>();

        Values text(String parameter, String value) {
            setters.put(parameter, (s, i) -> s.setString(i, value));
            return this;
        }

        Values number(String parameter, Long value) {
            setters.put(parameter, (s, i) -> {
                if (value == null) {
                    s.setNull(i, Types.BIGINT);
                } else {
                    s.setLong(i, value);
                }
            });
            return this;
        }

        Values integer(String parameter, int value) {
            setters.put(parameter, (s, i) -> s.setInt(i, value));
            return this;
        }

        Values bool(String parameter, boolean value) {
            setters.put(parameter, (s, i) -> s.setBoolean(i, value));
            return this;
        }

        Values time(String parameter, Instant value) {
            setters.put(parameter, (s, i) -> s.setObject(i,
                    OffsetDateTime.ofInstant(value, ZoneOffset.UTC)));
            return this;
        }

        Values texts(String parameter, String[] value) {
            setters.put(parameter, (s, i) -> s.setArray(i,
                    s.getConnection().createArrayOf("text", value)));
            return this;
        }

        /** Runs the statement and returns its only row, or null when it returned none. */
        <T> T queryOne(Handle handle, Row<T> row) {
            return run(handle, statement -> {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? row.read(rows) : null;
                }
            });
        }

        /** Runs the statement and returns the rows it changed. */
        int update(Handle handle) {
            return run(handle, PreparedStatement::executeUpdate);
        }

        private <T> T run(Handle handle, Run<T> execute) {
            Connection connection = handle.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    Setter setter = setters.get(parameters.get(i));
                    if (setter == null) {
                        throw new IllegalArgumentException("No value for :" + parameters.get(i)
                                + " of " + name + ".sql");
                    }
                    setter.set(statement, i + 1);
                }
                return execute.run(statement);
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("Running " + name + ".sql failed",
                        e, null);
            }
        }
    }

    /** Executes a prepared statement whose parameters are set. */
    @FunctionalInterface
    private interface Run<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
