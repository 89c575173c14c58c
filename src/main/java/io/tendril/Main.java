package io.tendril;

import io.tendril.config.Config;
import io.tendril.config.ConfigException;
import io.tendril.db.EmbeddedDatabase;
import java.net.BindException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Tendril from the environment and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }

        Tendril tendril;
        try {
            tendril = Tendril.start(config);
        } catch (EmbeddedDatabase.EmbeddedDatabaseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println(explain(e, config));
            log.debug("Start-up failed", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tendril.close();
            log.info("Tendril stopped");
        }, "tendril-shutdown"));
    }

    /** Returns one message saying why start-up failed and what to change. */
    static String explain(RuntimeException e, Config config) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause.getClass().getSimpleName()
                    .equals("JavalinBindException")) {
                return "Tendril failed to start: port " + config.port() + " is already in use."
                        + " Stop the program using it, or set TENDRIL_PORT to a free port.";
            }
            if (cause instanceof SQLException && config.database() != null) {
                return "Tendril failed to connect to PostgreSQL at " + config.database().masked()
                        + ": " + cause.getMessage() + " Check TENDRIL_DATABASE_URL and that the"
                        + " server is running.";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "Tendril failed to start: " + root;
    }
}
