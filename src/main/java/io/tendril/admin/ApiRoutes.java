package io.tendril.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.capture.JsonFields;
import io.tendril.delivery.DevInbox;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import io.tendril.lead.Lead;
import io.tendril.lead.LeadExport;
import io.tendril.lead.LeadFilter;
import io.tendril.lead.LeadService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON API under {@code /api/v1}: Bearer tokens on every route but token creation. */
public final class ApiRoutes {

    /** The OpenAPI 3 description of the whole API; a test keeps it in step with the routes. */
    private static final byte[] OPENAPI = resource("io/tendril/admin/openapi.json");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final List<String> LEAD_LIST_PARAMETERS = List.of("email", "status", "stage",
            "tag", "before", "limit");

    private final AuthService auth;
    private final LeadService leads;
    private final DevInbox inbox;
    private final LeadExport export;

    /** {@code inbox} is null when Tendril sends through a real SMTP server. */
    public ApiRoutes(AuthService auth, LeadService leads, DevInbox inbox, LeadExport export) {
        this.auth = auth;
        this.leads = leads;
        this.inbox = inbox;
        this.export = export;
    }

    public void register(RoutesConfig routes) {
        routes.before("/api/v1/*", this::requireToken);
        routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json")
                .result(OPENAPI));
        routes.post("/api/v1/tokens", this::createToken);
        routes.get("/api/v1/tokens", this::listTokens);
        routes.delete("/api/v1/tokens/{id}", ctx -> {
            auth.revokeToken(Params.id(ctx, "API token"), ((User) ctx.attribute("user")).id());
            ctx.status(204);
        });
        routes.get("/api/v1/leads", this::listLeads);
        routes.get("/api/v1/leads/{id}", ctx -> ctx.json(leads.get(Params.id(ctx, "Lead"))));
        routes.patch("/api/v1/leads/{id}", ctx -> ctx.json(leads.patch(Params.id(ctx, "Lead"),
                body(ctx))));
        routes.delete("/api/v1/leads/{id}", ctx -> {
            leads.erase(Params.id(ctx, "Lead"));
            ctx.status(204);
        });
        routes.get("/api/v1/leads/{id}/events",
                ctx -> ctx.json(Map.of("data", leads.events(Params.id(ctx, "Lead")))));
        routes.get("/api/v1/exports/leads", ctx -> exportLeads(ctx, export));
        routes.get("/api/v1/outbox", this::outbox);
    }

    private void requireToken(Context ctx) {
        boolean tokenCreation = ctx.path().equals("/api/v1/tokens")
                && ctx.method().name().equals("POST");
        boolean description = ctx.path().equals("/api/v1/openapi.json");
        if (!tokenCreation && !description) {
            ctx.attribute("user", auth.authenticateBearer(ctx.header("Authorization")));
        }
    }

    /** Streams the leads the query parameters select as a CSV download. */
    static void exportLeads(Context ctx, LeadExport export) {
        LeadFilter filter = LeadFilter.parse(ctx::queryParam);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"leads-"
                + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
        ctx.header("Cache-Control", "no-store");
        export.writeCsv(filter, ctx.outputStream());
    }

    private void createToken(Context ctx) {
        User user = auth.authenticateBasic(ctx.header("Authorization"), ctx.ip());
        String name = "";
        if (!ctx.body().isBlank()) {
            Map<?, ?> body;
            try {
                body = Json.read(ctx.body(), Map.class);
            } catch (RuntimeException e) {
                throw ApiException.invalidJson(e,
                        "Send a JSON object such as {\"name\": \"reporting\"}.");
            }
            JsonFields.rejectUnknown(Json.MAPPER.valueToTree(body), Set.of("name"));
            Object requested = body.get("name");
            if (requested != null && !(requested instanceof String)) {
                throw ValidationException.of("name", "Must be a string.");
            }
            name = requested == null ? "" : (String) requested;
        }
        ctx.status(201).json(Map.of("token", auth.createToken(user.id(), name)));
    }

    private void listTokens(Context ctx) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (AccessDao.TokenInfo token : auth.tokens()) {
            ObjectNode node = data.addObject();
            node.put("id", token.id());
            node.put("name", token.name());
            node.put("user_email", token.userEmail());
            node.put("created_at", token.createdAt().toString());
            node.put("last_used_at", token.lastUsedAt() == null ? null
                    : token.lastUsedAt().toString());
            node.put("revoked_at", token.revokedAt() == null ? null
                    : token.revokedAt().toString());
        }
        ctx.json(Map.of("data", data));
    }

    /**
     * Lists the newest leads a page at a time, filtered by status, stage and tag, or finds the
     * lead with an address. The {@code next} link carries the filter.
     */
    private void listLeads(Context ctx) {
        Params.rejectUnknown(ctx, LEAD_LIST_PARAMETERS);
        LeadFilter filter = LeadFilter.parse(ctx::queryParam);
        String email = ctx.queryParam("email");
        if (email != null) {
            ctx.json(Map.of("data", leads.findByEmail(email).stream().filter(filter::matches)
                    .toList()));
            return;
        }

        Long before = Params.queryId(ctx, "before", "Must be a lead id, a positive whole number:"
                + " the last id of the previous page.");
        int limit = Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<Lead> page = leads.listRecent(filter, before, limit);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page);
        body.put("next", page.size() < limit ? null : "/api/v1/leads?before="
                + page.get(page.size() - 1).id() + "&limit=" + limit + filter.query());
        ctx.json(body);
    }

    private void outbox(Context ctx) {
        if (inbox == null) {
            throw ApiException.notFound("The development inbox (Tendril sends through"
                    + " TENDRIL_SMTP_URL, so there is no outbox)");
        }
        ctx.json(Map.of("data", inbox.messages(Params.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT))));
    }

    private static com.fasterxml.jackson.databind.JsonNode body(Context ctx) {
        try {
            return Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiException.invalidJson(e, "Send a lead change such as {\"stage\": \"mql\","
                    + " \"add_tags\": [\"trial\"]}.");
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
