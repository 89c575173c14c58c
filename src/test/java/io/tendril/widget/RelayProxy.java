package io.tendril.widget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback relay in front of Tendril, on {@code http://localhost:PORT}, so a test can count
 * the widget's submissions and form definition requests, and drop or fail them for a while. A
 * dropped request gets its connection closed without any response, as when a mobile network
 * goes away mid-request.
 */
final class RelayProxy implements AutoCloseable {

    private static final Set<String> SKIPPED_HEADERS = Set.of("host", "connection",
            "content-length", "transfer-encoding", "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String target;
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger definitions = new AtomicInteger();
    private volatile boolean dropping;
    private volatile boolean droppingDefinitions;
    private volatile int definitionStatus;

    RelayProxy(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::relay);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Returns the origin the widget should be loaded from. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Returns how many POST requests reached this relay, dropped ones included. */
    int posts() {
        return posts.get();
    }

    /** Makes every POST request fail with a closed connection until called with false. */
    void dropPosts(boolean drop) {
        dropping = drop;
    }

    /**
     * Makes every form definition request fail with a closed connection until called with false.
     */
    void dropDefinitions(boolean drop) {
        droppingDefinitions = drop;
    }

    /** Returns how many form definition requests reached this relay, dropped ones included. */
    int definitions() {
        return definitions.get();
    }

    /**
     * Responds to every form definition request with {@code status} and a CORS header, without
     * asking Tendril, until called with 0.
     */
    void failDefinitions(int status) {
        definitionStatus = status;
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (post) {
                posts.incrementAndGet();
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (post && dropping) {
                return;
            }
            boolean definition = exchange.getRequestURI().getPath().startsWith("/forms/");
            if (definition) {
                definitions.incrementAndGet();
            }
            if (droppingDefinitions && definition) {
                return;
            }
            if (definitionStatus != 0 && definition) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                exchange.sendResponseHeaders(definitionStatus, -1);
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            response.headers().map().forEach((name, values) -> {
                if (!SKIPPED_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] answer = response.body();
            boolean empty = answer.length == 0;
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
