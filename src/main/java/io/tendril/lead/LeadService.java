package io.tendril.lead;

import com.fasterxml.jackson.databind.JsonNode;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.http.ValidationException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads leads and their timelines, and changes their stage, tags and attributes. */
public final class LeadService {

    private static final Logger log = LoggerFactory.getLogger(LeadService.class);

    /** The most events one timeline request returns. */
    public static final int MAX_EVENTS = 1000;

    private final Jdbi jdbi;
    private final Clock clock;

    public LeadService(Jdbi jdbi) {
        this(jdbi, Clock.systemUTC());
    }

    public LeadService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Returns the lead with this address (any case, any form of its domain), or none. */
    public List<Lead> findByEmail(String email) {
        EmailAddress address;
        try {
            address = EmailAddress.parse(email);
        } catch (EmailAddress.InvalidEmailException e) {
            throw ValidationException.of("email", e.getMessage());
        }
        return jdbi.withExtension(LeadDao.class, dao -> dao.findByEmailKey(address.key()))
                .map(List::of).orElse(List.of());
    }

    /**
     * Returns up to {@code limit} leads that {@code filter} selects, newest first, older than
     * lead {@code before} if set.
     */
    public List<Lead> listRecent(LeadFilter filter, Long before, int limit) {
        return jdbi.withExtension(LeadDao.class, dao -> dao.listRecent(filter, before, limit));
    }

    /**
     * Returns up to {@code limit} leads that {@code filter} selects, newest first and older than
     * lead {@code before} if set, whose address, name or company contains {@code query},
     * ignoring case.
     */
    public List<Lead> search(String query, LeadFilter filter, Long before, int limit) {
        String text = query.strip();
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbi.withExtension(LeadDao.class, dao -> dao.search(
                text.toLowerCase(java.util.Locale.ROOT), pattern, filter, before, limit));
    }

    public Lead get(long id) {
        return jdbi.withExtension(LeadDao.class, dao -> dao.findById(id))
                .orElseThrow(() -> ApiException.notFound("Lead " + id));
    }

    /**
     * Erases the lead's personal data (see {@code LeadDao/erase.sql}) and ends its
     * enrollments. Erasing an erased lead again changes nothing.
     *
     * @throws ApiException 404 when no lead has this id
     */
    public void erase(long id) {
        jdbi.inTransaction(handle -> handle.attach(LeadDao.class).erase(id, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("Lead " + id));
        log.info("Lead {} erased", id);
    }

    /** Returns the lead's timeline, oldest first. */
    public List<Event> events(long leadId) {
        get(leadId);
        return jdbi.withExtension(LeadDao.class, dao -> dao.listEvents(leadId, MAX_EVENTS));
    }

    /**
     * Applies {@code body} (stage, tags, add_tags, remove_tags, attributes) to the lead, with a
     * 'stage' event and a 'tag' event per tag on its timeline for what changed. Enrollments
     * whose sequence has the new stage or a new tag as a goal exit end in the same transaction.
     */
    public Lead patch(long id, JsonNode body) {
        return patch(id, body, "api");
    }

    /**
     * Applies {@code body} as {@link #patch(long, JsonNode)} does, naming {@code source} ("api",
     * "admin") in the events' data as the origin of the change.
     */
    public Lead patch(long id, JsonNode body, String source) {
        LeadPatch patch = LeadPatch.parse(body);
        Lead lead = jdbi.inTransaction(handle -> {
            LeadDao leads = handle.attach(LeadDao.class);
            Lead current = leads.lockById(id).orElseThrow(() -> ApiException.notFound("Lead "
                    + id));
            if (current.status().equals("erased")) {
                throw new ApiException(409, "conflict", "Lead " + id + " is erased; its data"
                        + " cannot change.", Map.of("status", current.status()));
            }
            String stage = patch.stage() == null ? current.stage() : patch.stage();
            List<String> tags = patch.tagsOf(current.tags());
            recordChanges(leads, current, stage, tags, source);
            leads.updateProfile(id, stage, tags.toArray(String[]::new),
                    patch.setAttributes().toString(),
                    patch.removeAttributes().toArray(String[]::new), clock.instant());
            return leads.findById(id).orElseThrow();
        });
        log.info("Lead {} changed, source {}", id, source);
        return lead;
    }

    private static void recordChanges(LeadDao leads, Lead current, String stage,
            List<String> tags, String source) {
        if (!stage.equals(current.stage())) {
            leads.insertEvent(current.id(), "stage", null, null, true, Json.write(Map.of(
                    "stage", stage, "from", current.stage(), "source", source)));
        }
        for (String tag : tags) {
            if (!current.tags().contains(tag)) {
                recordTag(leads, current.id(), tag, true, source);
            }
        }
        for (String tag : current.tags()) {
            if (!tags.contains(tag)) {
                recordTag(leads, current.id(), tag, false, source);
            }
        }
    }

    /** Records a 'tag' event of the same shape as a tag step's. */
    private static void recordTag(LeadDao leads, long leadId, String tag, boolean added,
            String source) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tag", tag);
        data.put("added", added);
        data.put("source", source);
        leads.insertEvent(leadId, "tag", null, null, true, Json.write(data));
    }
}
