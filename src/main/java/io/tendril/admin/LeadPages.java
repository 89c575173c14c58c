package io.tendril.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tendril.http.Json;
import io.tendril.http.Pages;
import io.tendril.http.Params;
import io.tendril.http.ValidationException;
import io.tendril.lead.Lead;
import io.tendril.lead.LeadExport;
import io.tendril.lead.LeadFilter;
import io.tendril.lead.LeadService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marketer pages for leads: the list with its search and filters, the CSV export, and each
 * lead with its stage and tags form and its erasure.
 */
final class LeadPages {

    private static final int LEAD_PAGE = 100;
    /** The path of one tag in a lead patch's validation errors, such as {@code tags[2]}. */
    private static final Pattern TAG_ITEM = Pattern.compile("tags\\[([0-9]{1,4})]");

    private final AdminRoutes admin;
    private final LeadService leads;
    private final LeadPageService leadPages;
    private final LeadExport export;
    private final Pages pages;

    LeadPages(AdminRoutes admin, LeadService leads, LeadPageService leadPages, LeadExport export,
            Pages pages) {
        this.admin = admin;
        this.leads = leads;
        this.leadPages = leadPages;
        this.export = export;
        this.pages = pages;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/leads", this::leadsPage);
        routes.get("/admin/leads.csv", ctx -> {
            if (admin.session(ctx).isPresent()) {
                ApiRoutes.exportLeads(ctx, export);
            }
        });
        routes.get("/admin/leads/{id}", this::leadPage);
        routes.post("/admin/leads/{id}/profile", this::saveProfile);
        routes.post("/admin/leads/{id}/erase", this::eraseLead);
    }

    /**
     * Shows the newest leads, or those the search finds, that the status, stage and tag filters
     * select. An invalid filter shows its message above the filters and lists no lead.
     */
    private void leadsPage(Context ctx) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        Map<String, Object> scope = admin.layout(session.get(), "leads");
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        Long before = Params.queryId(ctx, "before", "Give ?before= a lead id.");
        putFilterFields(scope, ctx);
        scope.put("query", query);

        LeadFilter filter;
        try {
            filter = LeadFilter.parse(ctx::queryParam);
        } catch (ValidationException e) {
            scope.put("filterErrors", e.fields().entrySet().stream()
                    .map(field -> "Invalid " + field.getKey() + ": " + field.getValue())
                    .toList());
            scope.put("hasFilterErrors", true);
            scope.put("searching", true);
            scope.put("exportUrl", "/admin/leads.csv");
            ctx.status(422).html(pages.render("admin/leads", scope));
            return;
        }

        List<Lead> page = query.isEmpty() ? leads.listRecent(filter, before, LEAD_PAGE)
                : leads.search(query, filter, before, LEAD_PAGE);
        scope.put("leads", page);
        scope.put("hasLeads", !page.isEmpty());
        scope.put("searching", !query.isEmpty() || before != null || !filter.isEmpty());
        scope.put("filtered", !filter.isEmpty());
        scope.put("exportUrl", "/admin/leads.csv" + filter.query().replaceFirst("^&", "?"));
        if (page.size() == LEAD_PAGE) {
            scope.put("olderUrl", "/admin/leads?before=" + page.get(page.size() - 1).id()
                    + (query.isEmpty() ? "" : "&q=" + URLEncoder.encode(query,
                            StandardCharsets.UTF_8)) + filter.query());
        }
        ctx.html(pages.render("admin/leads", scope));
    }

    /** Puts the filter values as sent, so the form shows them even when one is invalid. */
    private static void putFilterFields(Map<String, Object> scope, Context ctx) {
        String status = ctx.queryParam("status") == null ? "" : ctx.queryParam("status").strip();
        scope.put("statuses", LeadFilter.STATUSES.stream()
                .map(value -> Map.of("value", value, "selected", value.equals(status)))
                .toList());
        scope.put("stage", ctx.queryParam("stage") == null ? "" : ctx.queryParam("stage"));
        scope.put("tag", ctx.queryParam("tag") == null ? "" : ctx.queryParam("tag"));
    }

    private void leadPage(Context ctx) {
        Optional<AccessDao.Session> session = admin.session(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id = Params.id(ctx, "Lead");
        Lead lead = leads.get(id);
        Map<String, Object> profile = new HashMap<>();
        profile.put("formStage", lead.stage());
        profile.put("formTags", String.join(", ", lead.tags()));
        profile.put("profileSaved", "1".equals(ctx.queryParam("saved")));
        renderLead(ctx, session.get(), lead, profile);
    }

    /**
     * Saves the stage and tags of the lead page's form through the API's lead patch, so the same
     * validation applies and the same stage and tag events are recorded, with source "admin".
     * An invalid value shows the lead page again with the values as typed and the messages.
     */
    private void saveProfile(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id = Params.id(ctx, "Lead");
        String stage = ctx.formParam("stage") == null ? "" : ctx.formParam("stage").strip();
        String tags = ctx.formParam("tags") == null ? "" : ctx.formParam("tags");

        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("stage", stage);
        ArrayNode tagList = body.putArray("tags");
        for (String tag : tags.split(",")) {
            if (!tag.isBlank()) {
                tagList.add(tag.strip());
            }
        }
        try {
            leads.patch(id, body, "admin");
        } catch (ValidationException e) {
            Map<String, Object> profile = new HashMap<>();
            profile.put("formStage", stage);
            profile.put("formTags", tags);
            putProfileErrors(profile, e.fields(), tagList);
            ctx.status(422);
            renderLead(ctx, session.get(), leads.get(id), profile);
            return;
        }
        ctx.redirect("/admin/leads/" + id + "?saved=1#profile", HttpStatus.SEE_OTHER);
    }

    /**
     * Puts the patch's messages beside their fields: {@code stage}, and {@code tags} with its
     * items such as {@code tags[2]}, named by the tag so the marketer can find it.
     */
    private static void putProfileErrors(Map<String, Object> profile,
            Map<String, String> errors, ArrayNode tags) {
        List<String> tagErrors = new ArrayList<>();
        List<String> other = new ArrayList<>();
        errors.forEach((path, message) -> {
            Matcher item = TAG_ITEM.matcher(path);
            if (path.equals("stage")) {
                profile.put("stageError", message);
            } else if (item.matches() && Integer.parseInt(item.group(1)) < tags.size()) {
                tagErrors.add("Tag '" + tags.get(Integer.parseInt(item.group(1))).asText()
                        + "': " + message);
            } else if (path.startsWith("tags")) {
                tagErrors.add(message);
            } else {
                other.add(message);
            }
        });
        if (!tagErrors.isEmpty()) {
            profile.put("tagsError", String.join(" ", tagErrors));
        }
        profile.put("profileErrors", other);
        profile.put("profileInvalid", true);
    }

    private void renderLead(Context ctx, AccessDao.Session session, Lead lead,
            Map<String, Object> profile) {
        long id = lead.id();
        Map<String, Object> scope = admin.layout(session, "leads");
        scope.putAll(profile);
        scope.put("lead", lead);
        scope.put("firstTouchText", LeadPageService.describeTouch(lead.firstTouch()));
        scope.put("lastTouchText", LeadPageService.describeTouch(lead.lastTouch()));
        scope.put("tagsText", String.join(", ", lead.tags()));
        scope.put("attributesText", LeadPageService.describe(lead.attributes()));
        List<Map<String, Object>> events = leadPages.timeline(leads.events(id), id);
        scope.put("events", events);
        scope.put("hasEvents", !events.isEmpty());
        List<Map<String, Object>> enrollments = leadPages.enrollments(id);
        scope.put("enrollments", enrollments);
        scope.put("hasEnrollments", !enrollments.isEmpty());
        var consents = leadPages.consents(id);
        scope.put("consents", consents);
        scope.put("hasConsents", !consents.isEmpty());
        ctx.html(pages.render("admin/lead", scope));
    }

    private void eraseLead(Context ctx) {
        Optional<AccessDao.Session> session = admin.postSession(ctx);
        if (session.isEmpty()) {
            return;
        }
        long id = Params.id(ctx, "Lead");
        if (!"yes".equals(ctx.formParam("confirm"))) {
            throw ValidationException.of("confirm", "Tick the box to confirm the erasure.");
        }
        leads.erase(id);
        ctx.redirect("/admin/leads/" + id, HttpStatus.SEE_OTHER);
    }
}
