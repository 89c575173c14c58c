package io.tendril.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Serves {@code /widget.js} with an ETag of its content hash. A request carrying {@code ?v=HASH}
 * of the current content may be cached for a year; any other request revalidates after five
 * minutes, so a new release reaches every embedding page quickly.
 */
public final class WidgetRoutes {

    private final byte[] script;
    private final String hash;

    public WidgetRoutes() {
        try (InputStream in = WidgetRoutes.class.getClassLoader()
                .getResourceAsStream("widget/widget.js")) {
            if (in == null) {
                throw new IllegalStateException("widget/widget.js is missing from the classpath");
            }
            script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hash = sha256(script).substring(0, 16);
    }

    /** Returns the content hash to put in embed snippets as {@code ?v=}. */
    public String hash() {
        return hash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/widget.js", this::serve);
    }

    private void serve(Context ctx) {
        String etag = "\"" + hash + "\"";
        ctx.header("ETag", etag);
        ctx.header("Access-Control-Allow-Origin", "*");
        boolean pinned = hash.equals(ctx.queryParam("v"));
        ctx.header("Cache-Control", pinned ? "public, max-age=31536000, immutable"
                : "public, max-age=300");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("text/javascript; charset=utf-8").result(script);
    }

    /** Returns true when an If-None-Match list names {@code etag}, weakly compared. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
