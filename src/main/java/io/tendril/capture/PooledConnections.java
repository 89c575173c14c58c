package io.tendril.capture;

import io.tendril.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * Borrows connections from the pool behind a {@link Jdbi} for {@link PlainStatement}s without
 * opening a Jdbi handle, because on the capture path opening, configuring and closing a handle
 * and Jdbi's transaction bookkeeping cost more CPU than borrowing the connection itself. A Jdbi
 * that was not created by {@link Database#open} has no known pool, so its handles are used.
 */
final class PooledConnections {

    /** Work on a borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection);
    }

    private final Jdbi jdbi;
    private final DataSource pool;

    PooledConnections(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.pool = Database.pool(jdbi).orElse(null);
    }

    /** Runs {@code work} on a connection in autocommit mode and returns it to the pool. */
    <T> T withConnection(Work<T> work) {
        if (pool == null) {
            return jdbi.withHandle(handle -> work.run(handle.getConnection()));
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
        try (connection) {
            return work.run(connection);
        } catch (SQLException e) {
            // Only closing, that is returning the connection to the pool, throws this.
            throw new ConnectionException(e);
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code connection} and commits it. When this
     * returns, PostgreSQL has acknowledged the commit. On any exception the transaction is
     * rolled back. The connection is left in autocommit mode.
     */
    static <T> T inTransaction(Connection connection, Work<T> work) {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new TransactionException("Failed to begin the transaction", e);
        }
        T result;
        try {
            result = work.run(connection);
            connection.commit();
        } catch (SQLException e) {
            rollback(connection, e);
            throw new TransactionException("Failed to commit the transaction", e);
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new TransactionException("Failed to restore autocommit", e);
        }
        return result;
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
