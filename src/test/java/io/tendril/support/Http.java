package io.tendril.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for tests: real requests, no redirects followed. */
public final class Http {

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> postForm(String path, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(
                path.startsWith("http") ? path : baseUrl + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Creates an API token with HTTP Basic credentials. */
    public String createToken(String email, String password) {
        String basic = Base64.getEncoder().encodeToString((email + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request("/api/v1/tokens",
                "Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 201) {
            throw new AssertionError("Token creation failed: " + response.statusCode() + " "
                    + response.body());
        }
        return json(response).get("token").asText();
    }

    /**
     * Signs in to the admin with the login form and returns the {@code Cookie} header value that
     * carries the session.
     */
    public String signIn(String email, String password) {
        HttpResponse<String> response = postForm("/admin/login", "email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("tendril_session="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Sign-in failed: " + response.statusCode()
                        + " " + response.body()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): "
                    + response.body(), e);
        }
    }
}
