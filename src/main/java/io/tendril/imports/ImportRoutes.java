package io.tendril.imports;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.tendril.admin.User;
import io.tendril.http.ApiException;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The import API: {@code POST /api/v1/imports} with the CSV as the body ({@code text/csv}) or
 * as the {@code file} part of a multipart upload, and the import history. ApiRoutes checks the
 * Bearer token of every {@code /api/v1} request.
 */
public final class ImportRoutes {

    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv",
            "text/plain");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final ImportService imports;

    public ImportRoutes(ImportService imports) {
        this.imports = imports;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/imports", this::create);
        routes.get("/api/v1/imports", this::list);
        routes.get("/api/v1/imports/{id}",
                ctx -> ctx.json(imports.get(Params.id(ctx, "Import"))));
    }

    private void create(Context ctx) {
        User user = ctx.attribute("user");
        Upload upload = Upload.of(ctx);
        ImportOptions options = ImportOptions.parse(upload.fileName(), upload.parameters());
        try (InputStream body = upload.body()) {
            ctx.status(201).json(imports.importCsv(body, options, user.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void list(Context ctx) {
        Long before = Params.queryId(ctx, "before", "Must be an import id, a positive whole"
                + " number: the last id of the previous page.");
        int limit = Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<Map<String, Object>> page = imports.list(before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page);
        body.put("next", page.size() < limit ? null : "/api/v1/imports?before="
                + page.get(page.size() - 1).get("id") + "&limit=" + limit);
        ctx.json(body);
    }

    /**
     * The file and options of an import request: a multipart upload's {@code file} part and
     * form fields (query parameters also count), or a CSV body and query parameters.
     */
    public record Upload(String fileName, InputStream body,
            Function<String, String> parameters) {

        /**
         * Reads the request's upload.
         *
         * @throws ApiException 413 for a body over {@link ImportService#MAX_BYTES}, 415 for a
         *     body that is neither CSV nor multipart, 422 for a multipart upload without a file
         */
        public static Upload of(Context ctx) {
            String type = ctx.contentType() == null ? "" : ctx.contentType()
                    .split(";")[0].strip().toLowerCase(Locale.ROOT);
            long length = ctx.req().getContentLengthLong();
            if (length > ImportService.MAX_BYTES + 1024 * 1024) {
                throw tooLarge();
            }
            if (type.equals("multipart/form-data")) {
                UploadedFile file = uploadedFile(ctx);
                if (file == null) {
                    throw ValidationException.of("file", "Choose a CSV file to import.");
                }
                if (file.size() > ImportService.MAX_BYTES) {
                    throw tooLarge();
                }
                return new Upload(file.filename(), file.content(), name -> {
                    String value = ctx.formParam(name);
                    return value != null ? value : ctx.queryParam(name);
                });
            }
            if (!CSV_TYPES.contains(type)) {
                throw new ApiException(415, "unsupported_media_type", "Send the CSV file as the"
                        + " body with Content-Type text/csv, or as the 'file' part of a"
                        + " multipart/form-data upload.", Map.of("content_type", type));
            }
            try {
                String name = ctx.queryParam("file_name");
                return new Upload(name == null ? "" : name, ctx.req().getInputStream(),
                        ctx::queryParam);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Returns the {@code file} part. Jetty's multipart parser rejects a part over the
         * configured maximum size with an IllegalStateException ("max file size exceeded")
         * inside a ServletException, and a malformed body with a BadMessageException.
         */
        private static UploadedFile uploadedFile(Context ctx) {
            try {
                return ctx.uploadedFile("file");
            } catch (Exception e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    String message = String.valueOf(cause.getMessage());
                    if (cause instanceof IllegalStateException && message.startsWith("max ")) {
                        throw tooLarge();
                    }
                }
                throw ApiException.badRequest("The body is not a valid multipart/form-data"
                        + " upload; send the CSV file in a part named 'file'.");
            }
        }

        private static ApiException tooLarge() {
            return new ApiException(413, "payload_too_large", "The file is larger than "
                    + ImportService.MAX_BYTES / (1024 * 1024) + " MB; split it into smaller"
                    + " files.", Map.of("max_bytes", ImportService.MAX_BYTES));
        }
    }
}
