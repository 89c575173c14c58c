package io.tendril.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.capture.JsonFields;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider webhooks ({@code POST /webhooks/{provider}/{secret}}, or {@code /webhooks/{provider}}
 * with HTTP Basic and the secret as password), the suppression list API and the admin alerts.
 */
public final class SuppressionRoutes {

    private static final Logger log = LoggerFactory.getLogger(SuppressionRoutes.class);
    private static final int MAX_PAGE = 10_000;

    private final SuppressionService suppressions;
    private final FeedbackService feedback;
    private final Guardrail guardrail;
    private final String webhookSecret;
    private final SnsSignature snsSignature;

    /**
     * {@code webhookSecret} null turns the webhook endpoints off (404). SNS signing
     * certificates are fetched over https from Amazon.
     */
    public SuppressionRoutes(SuppressionService suppressions, FeedbackService feedback,
            Guardrail guardrail, String webhookSecret) {
        this(suppressions, feedback, guardrail, webhookSecret,
                new SnsSignature(new HttpsSnsCertificates()));
    }

    /** As above, with the SNS signature check given, such as one with test certificates. */
    public SuppressionRoutes(SuppressionService suppressions, FeedbackService feedback,
            Guardrail guardrail, String webhookSecret, SnsSignature snsSignature) {
        this.suppressions = suppressions;
        this.feedback = feedback;
        this.guardrail = guardrail;
        this.webhookSecret = webhookSecret;
        this.snsSignature = snsSignature;
    }

    public void register(RoutesConfig routes) {
        routes.post("/webhooks/{provider}/{secret}", ctx -> webhook(ctx, ctx.pathParam("secret")));
        routes.post("/webhooks/{provider}", ctx -> webhook(ctx, basicPassword(ctx)));
        routes.get("/api/v1/suppressions", this::export);
        routes.post("/api/v1/suppressions", this::importList);
        routes.delete("/api/v1/suppressions/{email}", this::remove);
        routes.get("/api/v1/alerts", ctx -> ctx.json(Map.of("data", guardrail.openAlerts())));
        routes.delete("/api/v1/alerts/{id}", this::resolveAlert);
    }

    private void webhook(Context ctx, String secret) {
        String provider = ctx.pathParam("provider");
        if (webhookSecret == null || !ProviderWebhooks.PROVIDERS.contains(provider)) {
            throw ApiException.notFound("Webhook endpoint /webhooks/" + provider);
        }
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                webhookSecret.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Basic realm=\"tendril-webhooks\"");
            throw ApiException.unauthorized("Wrong or missing webhook secret; use"
                    + " /webhooks/" + provider + "/SECRET or HTTP Basic with the secret as"
                    + " password.");
        }
        if (provider.equals("ses") && !verifiedSnsNotification(ctx.body())) {
            ctx.json(Map.of("status", "ok"));
            return;
        }
        List<Feedback> reports;
        try {
            reports = ProviderWebhooks.parse(provider, ctx.body());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The " + provider + " webhook body was not"
                    + " understood: " + e.getMessage());
        }
        int applied = 0;
        try {
            for (Feedback report : reports) {
                feedback.apply(report);
                applied++;
            }
        } catch (RuntimeException e) {
            // Handled here so that the path, which contains the secret, is never logged.
            String errorId = UUID.randomUUID().toString();
            log.error("Applying a {} webhook failed after {} of {} reports, error id {}",
                    provider, applied, reports.size(), errorId, e);
            throw new ApiException(500, "internal_error", "Applying the webhook failed; the"
                    + " provider will retry. Quote error id " + errorId + " when reporting it.",
                    Map.of("error_id", errorId));
        }
        ctx.json(Map.of("status", "ok", "applied", applied));
    }

    /**
     * Checks the SNS signature of an SES webhook; throws 403 when it is missing or wrong, so
     * nothing is applied. Returns false for a signed message that is not a notification.
     */
    private boolean verifiedSnsNotification(String body) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("The ses webhook body is not JSON; expected an"
                    + " Amazon SNS message.");
        }
        if (message == null || !message.isObject()) {
            throw ApiException.badRequest("The ses webhook body is not a JSON object; expected"
                    + " an Amazon SNS message.");
        }
        try {
            snsSignature.verify(message);
        } catch (SnsSignature.InvalidException e) {
            log.warn("Rejected an SNS message with an invalid signature: {}", e.getMessage());
            throw new ApiException(403, "invalid_signature", "The SNS message signature was"
                    + " not accepted: " + e.getMessage() + " Nothing was applied.", Map.of());
        } catch (IllegalStateException e) {
            log.warn("The SNS signing certificate could not be fetched: {}", e.getMessage());
            throw new ApiException(503, "certificate_unavailable", "The SNS signing"
                    + " certificate could not be fetched; SNS will retry. Nothing was applied.",
                    Map.of());
        }
        String type = message.get("Type").asText();
        if (type.equals("SubscriptionConfirmation")) {
            // NOTE: the subscription is confirmed by opening its SubscribeURL from the SNS
            // console; Tendril does not fetch URLs named in a request body.
            log.warn("Amazon SNS asks to confirm a subscription to /webhooks/ses; confirm it in"
                    + " the SNS console");
        }
        return type.equals("Notification");
    }

    private static String basicPassword(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void export(Context ctx) {
        int limit = Params.limit(ctx, 1000, MAX_PAGE);
        List<SuppressionDao.Suppression> page = suppressions.page(ctx.queryParam("after"), limit);
        boolean csv = "csv".equals(ctx.queryParam("format"))
                || String.valueOf(ctx.header("Accept")).startsWith("text/csv");
        if (csv) {
            StringBuilder out = new StringBuilder("email,reason,source,created_at\r\n");
            for (SuppressionDao.Suppression s : page) {
                out.append(csvField(s.emailKey())).append(',').append(s.reason()).append(',')
                        .append(csvField(s.source())).append(',').append(s.createdAt())
                        .append("\r\n");
            }
            ctx.contentType("text/csv; charset=utf-8").result(out.toString());
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (SuppressionDao.Suppression s : page) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("email", s.emailKey());
            row.put("reason", s.reason());
            row.put("source", s.source());
            row.put("created_at", s.createdAt());
            data.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("next_after", page.size() == limit ? page.get(page.size() - 1).emailKey() : null);
        ctx.json(body);
    }

    private void importList(Context ctx) {
        String reason = ctx.queryParam("reason") == null ? "manual" : ctx.queryParam("reason");
        checkReason("reason", reason);
        // Addresses by reason: a CSV with a reason column (such as an export of this list)
        // keeps each row's reason; anything else takes the one of the request.
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        String type = String.valueOf(ctx.contentType());
        if (type.startsWith("text/csv") || type.startsWith("text/plain")) {
            csvRows(ctx.body(), reason).forEach((email, rowReason) -> byReason
                    .computeIfAbsent(rowReason, key -> new ArrayList<>()).add(email));
        } else {
            Map<?, ?> body;
            try {
                body = Json.read(ctx.body(), Map.class);
            } catch (RuntimeException e) {
                throw ApiException.invalidJson(e,
                        "Send JSON such as {\"emails\":"
                        + " [\"ann@example.com\"], \"reason\": \"manual\"}, or text/csv with"
                        + " one address per line.");
            }
            JsonFields.rejectUnknown(Json.MAPPER.valueToTree(body), Set.of("emails", "reason"));
            if (!(body.get("emails") instanceof List<?> list)) {
                throw ValidationException.of("emails", "Missing: give a list of addresses.");
            }
            if (body.get("reason") instanceof String given) {
                reason = given;
                checkReason("reason", reason);
            }
            byReason.put(reason, list.stream().map(String::valueOf).toList());
        }
        int total = byReason.values().stream().mapToInt(List::size).sum();
        if (total > SuppressionService.MAX_IMPORT) {
            throw ValidationException.of("emails", total + " addresses; import at most "
                    + SuppressionService.MAX_IMPORT + " at a time.");
        }
        int added = 0;
        int existing = 0;
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : byReason.entrySet()) {
            SuppressionService.Imported imported = suppressions.importAddresses(group.getValue(),
                    group.getKey(), "import");
            added += imported.added();
            existing += imported.existing();
            invalid.addAll(imported.invalid());
        }
        ctx.json(Map.of("added", added, "existing", existing, "invalid", invalid));
    }

    private static void checkReason(String field, String reason) {
        if (!SuppressionService.REASONS.contains(reason)) {
            throw ValidationException.of(field, "'" + reason + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(SuppressionService.REASONS))
                    + ".");
        }
    }

    private void remove(Context ctx) {
        String email = ctx.pathParam("email");
        boolean removed;
        try {
            removed = suppressions.remove(email);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("email", e.getMessage());
        }
        if (!removed) {
            throw ApiException.notFound("Suppression of that address");
        }
        ctx.status(204);
    }

    private void resolveAlert(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Alert '" + ctx.pathParam("id") + "'");
        }
        if (!guardrail.resolve(id)) {
            throw ApiException.notFound("Open alert " + id);
        }
        ctx.status(204);
    }

    /** Reads the first column of each line; a header line without an @ is skipped. */
    /**
     * Reads a CSV of addresses: the first column of each line, or the {@code email} column of a
     * header line that names one, in which case a {@code reason} column gives each row's reason.
     * Returns each address with its reason, {@code fallback} where none is given.
     *
     * @throws ValidationException 422 naming the line of an unknown reason
     */
    static Map<String, String> csvRows(String body, String fallback) {
        Map<String, String> rows = new LinkedHashMap<>();
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        String[] lines = text.split("\r?\n");
        int emailColumn = 0;
        int reasonColumn = -1;
        int first = 0;
        if (lines.length > 0 && !lines[0].contains("@")) {
            List<String> header = cells(lines[0]);
            int named = header.indexOf("email");
            if (named >= 0) {
                emailColumn = named;
                reasonColumn = header.indexOf("reason");
                first = 1;
            }
        }
        for (int i = first; i < lines.length; i++) {
            List<String> cells = cells(lines[i]);
            String email = emailColumn < cells.size() ? cells.get(emailColumn) : "";
            if (email.isEmpty() || (!email.contains("@") && rows.isEmpty() && first == 0)) {
                continue;
            }
            String reason = reasonColumn >= 0 && reasonColumn < cells.size()
                    && !cells.get(reasonColumn).isEmpty() ? cells.get(reasonColumn) : fallback;
            checkReason("line " + (i + 1), reason);
            rows.put(email, reason);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split("[,;\t]")) {
            cells.add(cell.strip().replaceAll("^\"|\"$", ""));
        }
        return cells;
    }

    private static String csvField(String value) {
        String text = value == null ? "" : value;
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
