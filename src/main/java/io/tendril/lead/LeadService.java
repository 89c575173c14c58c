package io.tendril.lead;

import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads leads and their timelines. */
public final class LeadService {

    /** The most events one timeline request returns. */
    public static final int MAX_EVENTS = 1000;

    private final Jdbi jdbi;

    public LeadService(Jdbi jdbi) {
        this.jdbi = jdbi;
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

    public List<Lead> listRecent(int limit) {
        return jdbi.withExtension(LeadDao.class, dao -> dao.listRecent(limit));
    }

    public Lead get(long id) {
        return jdbi.withExtension(LeadDao.class, dao -> dao.findById(id))
                .orElseThrow(() -> ApiException.notFound("Lead " + id));
    }

    /** Returns the lead's timeline, oldest first. */
    public List<Event> events(long leadId) {
        get(leadId);
        return jdbi.withExtension(LeadDao.class, dao -> dao.listEvents(leadId, MAX_EVENTS));
    }
}
