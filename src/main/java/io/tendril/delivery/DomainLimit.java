package io.tendril.delivery;

import java.net.IDN;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-recipient-domain send rate: each domain gets at most so many emails per minute across
 * all nodes, counted in {@code send_slots} under the scope {@code domain:<domain>}. A claim
 * reserves for all its emails' domains in one statement, and an email whose domain is full waits.
 */
final class DomainLimit {

    private DomainLimit() {
    }

    /**
     * Returns the counter scope of the domain of {@code email}, in lowercase punycode, so that
     * both spellings of an internationalised domain share one counter.
     */
    static String scope(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1);
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // Capture accepted the address; a domain IDN rejects is counted as written.
        }
        return "domain:" + domain.toLowerCase(Locale.ROOT);
    }

    /** Returns the start of the minute whose sends a claim at {@code now} counts in. */
    static Instant window(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * Reserves this minute's sends for {@code emails} (in claim order) and returns, for each,
     * null when it may be sent now, or when to try it again: the next minute for the first that
     * do not fit, a minute later for each further {@code rate} of one domain, so that a backlog
     * is spread over the minutes it needs instead of claimed again all at once.
     */
    static Instant[] admit(DeliveryDao dao, List<String> emails, Instant now, int rate) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        String[] scopes = new String[emails.size()];
        for (int i = 0; i < scopes.length; i++) {
            scopes[i] = scope(emails.get(i));
            wanted.merge(scopes[i], 1, Integer::sum);
        }

        Instant window = window(now);
        String[] names = wanted.keySet().toArray(String[]::new);
        dao.openDomainSlots(names, window);
        Map<String, Integer> room = new HashMap<>();
        for (DeliveryDao.DomainGrant grant : dao.reserveDomainSends(names,
                wanted.values().toArray(Integer[]::new), window, rate)) {
            room.put(grant.scope(), grant.granted());
        }

        Instant[] later = new Instant[scopes.length];
        Map<String, Integer> waiting = new HashMap<>();
        for (int i = 0; i < scopes.length; i++) {
            int left = room.getOrDefault(scopes[i], 0);
            if (left > 0) {
                room.put(scopes[i], left - 1);
                continue;
            }
            int queued = waiting.merge(scopes[i], 1, Integer::sum) - 1;
            later[i] = window.plus(1 + queued / rate, ChronoUnit.MINUTES);
        }
        return later;
    }
}
