package io.tendril.delivery;

import io.tendril.support.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Tendril node in its own JVM, started through {@code io.tendril.Main} with the test
 * classpath, so a test can kill it with SIGKILL or run several Quartz nodes side by side. Its
 * output goes to a file under {@code target/child-nodes/}.
 */
final class ChildNode implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildNode(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a node on {@code databaseUrl} sending to {@code smtpUrl}; {@code name} its log. */
    static ChildNode start(String name, String databaseUrl, String smtpUrl) {
        Path log = Path.of("target", "child-nodes", name + "-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "io.tendril.Main");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("TENDRIL_"));
        env.put("TENDRIL_PORT", "0");
        env.put("TENDRIL_DATABASE_URL", databaseUrl);
        env.put("TENDRIL_SMTP_URL", smtpUrl);
        env.put("TENDRIL_DEMO", "false");
        env.put("TENDRIL_ADMIN_EMAIL", TestNode.ADMIN_EMAIL);
        env.put("TENDRIL_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD);
        env.put("TENDRIL_MAIL_FROM", "Acme <team@acme.example>");
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new ChildNode(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Starting a child Tendril JVM failed", e);
        }
    }

    /** Kills the JVM with SIGKILL, as a crash would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    Path log() {
        return log;
    }

    /** Stops the JVM with SIGTERM (a clean shutdown) and waits up to 30 s, then kills it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
