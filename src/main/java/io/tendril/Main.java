package io.tendril;

import io.tendril.config.Config;
import io.tendril.config.ConfigException;
import io.tendril.db.EmbeddedDatabase;

/** Starts Tendril from the environment and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

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
        }
        Runtime.getRuntime().addShutdownHook(new Thread(tendril::close, "tendril-shutdown"));
    }
}
