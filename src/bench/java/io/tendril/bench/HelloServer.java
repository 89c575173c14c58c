package io.tendril.bench;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.tendril.config.Config;
import io.tendril.http.Json;

/**
 * Reference H: a hello-world route on a Javalin server configured as Tendril configures its own
 * (JSON mapper, request size limit, virtual or platform threads from TENDRIL_VIRTUAL_THREADS).
 * Usage: {@code HelloServer PORT}; answers {@code GET /hello} until killed.
 */
public final class HelloServer {

    private HelloServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Config config = Config.fromEnvironment(System.getenv());
        Javalin server = Javalin.create(javalin -> {
            javalin.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            javalin.startup.showJavalinBanner = false;
            javalin.http.maxRequestSize = 1024 * 1024;
            javalin.concurrency.useVirtualThreads = config.virtualThreads();
            javalin.routes.get("/hello", ctx -> ctx.result("Hello, world"));
        });
        server.start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "hello-shutdown"));
    }
}
