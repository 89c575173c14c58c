package io.tendril.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Params;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhooks API under {@code /api/v1/webhooks}. The Bearer token check is the
 * {@code /api/v1/*} before-handler of {@link io.tendril.admin.ApiRoutes}.
 */
public final class WebhookRoutes {

    private static final int MAX_DELIVERIES = 500;

    private final WebhookService webhooks;

    public WebhookRoutes(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/webhooks", ctx -> ctx.json(Map.of("data",
                webhooks.list().stream().map(WebhookRoutes::view).toList())));
        routes.post("/api/v1/webhooks", ctx -> ctx.status(201).json(view(
                webhooks.create(body(ctx)))));
        routes.get("/api/v1/webhooks/{id}", ctx -> ctx.json(view(webhooks.get(id(ctx)))));
        routes.patch("/api/v1/webhooks/{id}", ctx -> ctx.json(view(
                webhooks.update(id(ctx), body(ctx)))));
        routes.delete("/api/v1/webhooks/{id}", ctx -> {
            webhooks.delete(id(ctx));
            ctx.status(204);
        });
        routes.post("/api/v1/webhooks/{id}/secret", ctx -> ctx.json(view(
                webhooks.rotateSecret(id(ctx)))));
        routes.get("/api/v1/webhooks/{id}/deliveries", ctx -> ctx.json(Map.of("data",
                webhooks.deliveries(id(ctx), Params.limit(ctx, 100, MAX_DELIVERIES)))));
    }

    private static Map<String, Object> view(Webhook webhook) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", webhook.id());
        view.put("url", webhook.url());
        view.put("events", webhook.events());
        view.put("active", webhook.active());
        view.put("description", webhook.description());
        view.put("secret", webhook.secret());
        view.put("created_at", webhook.createdAt().toString());
        view.put("updated_at", webhook.updatedAt().toString());
        return view;
    }

    private static long id(Context ctx) {
        return Params.id(ctx, "Webhook");
    }

    private static JsonNode body(Context ctx) {
        try {
            return Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiException.invalidJson(e, "Send a webhook such as"
                    + " {\"url\": \"https://crm.example.com/hooks/tendril\", \"events\":"
                    + " [\"submit\"]}.");
        }
    }
}
