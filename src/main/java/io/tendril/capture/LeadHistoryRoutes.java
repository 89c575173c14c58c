package io.tendril.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.lead.LeadService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A lead's inquiries and consent ledger under {@code /api/v1/leads/{id}}. The Bearer token check
 * is the {@code /api/v1/*} before-handler of {@link io.tendril.admin.ApiRoutes}.
 */
public final class LeadHistoryRoutes {

    /** The most rows one request returns. */
    static final int MAX_ROWS = 1000;

    private final Jdbi jdbi;
    private final LeadService leads;

    public LeadHistoryRoutes(Jdbi jdbi, LeadService leads) {
        this.jdbi = jdbi;
        this.leads = leads;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/leads/{id}/submissions", this::submissions);
        routes.get("/api/v1/leads/{id}/consents", this::consents);
        routes.get("/api/v1/leads/{id}/export", this::export);
    }

    /**
     * Returns everything Tendril keeps about the lead in one JSON document, for a data
     * subject's access or portability request: the lead, its inquiries, consents and timeline.
     */
    private void export(Context ctx) {
        long leadId = leadId(ctx);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("lead", leads.get(leadId));
        bundle.put("submissions", jdbi.withExtension(CaptureDao.class,
                dao -> dao.listSubmissionsOfLead(leadId, MAX_ROWS)).stream()
                .map(LeadHistoryRoutes::view).toList());
        bundle.put("consents", jdbi.withExtension(CaptureDao.class,
                dao -> dao.listConsentsOfLead(leadId, MAX_ROWS)));
        bundle.put("events", leads.events(leadId));
        ctx.header("Content-Disposition", "attachment; filename=\"lead-" + leadId + ".json\"");
        ctx.json(bundle);
    }

    private void submissions(Context ctx) {
        long leadId = leadId(ctx);
        List<Map<String, Object>> data = jdbi.withExtension(CaptureDao.class,
                dao -> dao.listSubmissionsOfLead(leadId, MAX_ROWS)).stream()
                .map(LeadHistoryRoutes::view).toList();
        ctx.json(Map.of("data", data));
    }

    private void consents(Context ctx) {
        long leadId = leadId(ctx);
        ctx.json(Map.of("data", jdbi.withExtension(CaptureDao.class,
                dao -> dao.listConsentsOfLead(leadId, MAX_ROWS))));
    }

    private static Map<String, Object> view(CaptureDao.LeadSubmission row) {
        Map<String, Object> attribution = new LinkedHashMap<>();
        attribution.put("utm_source", row.utmSource());
        attribution.put("utm_medium", row.utmMedium());
        attribution.put("utm_campaign", row.utmCampaign());
        attribution.put("utm_term", row.utmTerm());
        attribution.put("utm_content", row.utmContent());
        attribution.put("gclid", row.gclid());
        attribution.put("referrer", row.referrer());
        attribution.put("page_url", row.pageUrl());
        attribution.values().removeIf(value -> value == null);

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("form", row.formSlug());
        view.put("form_version", row.formVersion());
        view.put("status", row.status());
        view.put("values", Json.read(row.payload(), JsonNode.class));
        view.put("attribution", attribution);
        view.put("created_at", row.createdAt().toString());
        return view;
    }

    /** Returns the lead id of the path after checking that the lead exists (else 404). */
    private long leadId(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!raw.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("Lead '" + raw + "'");
        }
        return leads.get(Long.parseLong(raw)).id();
    }
}
