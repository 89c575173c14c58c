package io.tendril.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL server that Tendril runs itself, with its data kept under the data directory. */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDir/postgres}, reusing
     * the data written by earlier runs.
     *
     * @throws EmbeddedDatabaseException saying why it failed and how to use a server instead
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Tendril stops PostgreSQL itself, after the scheduler and the pool; the
                    // library's own hook would stop it first, in parallel, mid-pass.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    // The library starts PostgreSQL with fsync and synchronous commit off, as
                    // suits throwaway test databases. Tendril's data must survive a crash: a
                    // 2xx response means the write is on disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}",
                    postgres.getPort(), pgData);
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException(explain(e, pgData), e);
        }
    }

    private static String explain(Exception e, Path pgData) {
        String cause = rootMessage(e);
        String hint = "";
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root || cause.contains("root")) {
            hint = " PostgreSQL refuses to run as root; Tendril runs it inside a user namespace"
                    + " (unshare -U), which this machine may block. Run Tendril as an ordinary"
                    + " user, or";
        } else {
            hint = " Check that " + pgData + " is writable and not used by another process, or";
        }
        return "The embedded PostgreSQL failed to start: " + cause + "." + hint
                + " point Tendril at a PostgreSQL server with"
                + " TENDRIL_DATABASE_URL=postgres://user:password@host:5432/database.";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** A failure to start the embedded database, with a message that names the fix. */
    public static final class EmbeddedDatabaseException extends RuntimeException {
        EmbeddedDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
