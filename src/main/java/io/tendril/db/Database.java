package io.tendril.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the schema migrations and the Jdbi handle factory. */
public final class Database implements AutoCloseable {

    /** Connections in the pool; Quartz borrows from the same pool. */
    public static final int POOL_SIZE = 10;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
        this.jdbi.getConfig(Pool.class).dataSource = dataSource;
    }

    /**
     * The connection pool behind a {@link Jdbi}, kept in its configuration, for the few hot
     * paths that run plain JDBC on a pooled connection instead of opening a Jdbi handle.
     */
    public static final class Pool implements JdbiConfig<Pool> {

        private DataSource dataSource;

        public Pool() {
        }

        private Pool(Pool other) {
            this.dataSource = other.dataSource;
        }

        @Override
        public Pool createCopy() {
            return new Pool(this);
        }
    }

    /** Returns the pool behind {@code jdbi}, or empty when {@link #open} did not create it. */
    public static Optional<DataSource> pool(Jdbi jdbi) {
        return Optional.ofNullable(jdbi.getConfig(Pool.class).dataSource);
    }

    /** Opens a pool to {@code jdbcUrl} and brings the schema up to date. */
    public static Database open(String jdbcUrl, String username, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tendril");
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(username);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setConnectionTimeout(10_000);
        hikari.addDataSourceProperty("ApplicationName", "tendril");
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Returns true when the database answers a trivial query within the pool's timeout. */
    public boolean ping() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
