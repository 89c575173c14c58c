package io.tendril.capture;

import io.tendril.config.Sender;
import io.tendril.delivery.MailTransport;
import io.tendril.delivery.OutgoingEmail;
import io.tendril.http.Json;
import io.tendril.http.Pages;
import io.tendril.lead.LeadDao;
import io.tendril.sequence.EnrollmentDao;
import io.tendril.tracking.TokenSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Double opt-in: sends the confirmation email with a signed link that expires, and confirms the
 * consent when the lead presses the button behind it. A lead stays pending, and is not enrolled,
 * until it confirms. Resends are limited per lead: one every {@link #RESEND_INTERVAL} and
 * {@link #DAILY_LIMIT} a day, so the form cannot be used to flood an inbox.
 */
public final class Confirmations {

    private static final Logger log = LoggerFactory.getLogger(Confirmations.class);
    /** How long a confirmation link works. */
    public static final Duration LINK_LIFETIME = Duration.ofDays(7);
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(5);
    static final int DAILY_LIMIT = 5;

    private final Jdbi jdbi;
    private final Clock clock;
    private final TokenSigner signer;
    private final RateLimiter limiter;
    private final MailTransport transport;
    private final Pages pages;
    private final Sender from;
    private final String baseUrl;

    public Confirmations(Jdbi jdbi, Clock clock, TokenSigner signer, RateLimiter limiter,
            MailTransport transport, Pages pages, Sender from, String baseUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.signer = signer;
        this.limiter = limiter;
        this.transport = transport;
        this.pages = pages;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    /** The state of a confirmation link: usable, past its expiry, or not ours. */
    public enum LinkState { VALID, EXPIRED, INVALID }

    /**
     * Sends the confirmation email for {@code consentId} unless the lead's resend limit is
     * reached. The send is asynchronous; a failure is logged and the lead can submit again.
     */
    void send(Form form, long consentId, long leadId, ValidSubmission valid) {
        long wait = limiter.hit("confirm:" + leadId, 1, (int) RESEND_INTERVAL.toSeconds());
        if (wait > 0 || limiter.hit("confirm-day:" + leadId, DAILY_LIMIT, 86_400) > 0) {
            log.info("Confirmation for consent {} of lead {} not sent: resend limit reached",
                    consentId, leadId);
            return;
        }
        Instant now = clock.instant();
        String link = baseUrl + "/confirm/"
                + signer.signTimed(TokenSigner.Kind.CONFIRM, consentId, now.plus(LINK_LIFETIME));
        Map<String, Object> scope = Map.of("form", Map.of("name", form.name()),
                "link", link, "name", valid.name(), "days", LINK_LIFETIME.toDays());
        OutgoingEmail email = new OutgoingEmail(from.name(), from.address(), valid.name(),
                valid.email().ascii(), "Please confirm your subscription: " + form.name(),
                pages.render("email/double-opt-in", scope), text(form, link),
                "<confirm." + consentId + "." + UUID.randomUUID() + "@" + from.domain() + ">",
                Map.of(), null);
        transport.send(email).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("Confirmation email for consent {} of lead {} failed", consentId,
                        leadId, error);
                return;
            }
            jdbi.useExtension(CaptureDao.class, dao -> dao.markConfirmSent(consentId,
                    clock.instant()));
            log.info("Confirmation email for consent {} of lead {} sent", consentId, leadId);
        });
    }

    /** Returns whether {@code token} is a confirmation link that still works. */
    public LinkState check(String token) {
        Optional<TokenSigner.TimedToken> verified =
                signer.verifyTimed(TokenSigner.Kind.CONFIRM, token);
        if (verified.isEmpty()) {
            return LinkState.INVALID;
        }
        return verified.get().time().isBefore(clock.instant()) ? LinkState.EXPIRED
                : LinkState.VALID;
    }

    /**
     * Confirms the consent named by {@code token}: marks it confirmed, makes a pending or
     * unsubscribed lead active and enrolls it in the form's sequence. Confirming twice changes
     * nothing. Returns the link's state; only {@code VALID} confirmed anything.
     */
    public LinkState confirm(String token) {
        LinkState state = check(token);
        if (state != LinkState.VALID) {
            return state;
        }
        long consentId = signer.verifyTimed(TokenSigner.Kind.CONFIRM, token).orElseThrow().id();
        Instant now = clock.instant();
        boolean found = jdbi.inTransaction(handle -> confirmConsent(handle, consentId, now));
        return found ? LinkState.VALID : LinkState.INVALID;
    }

    /** Confirms the consent in one transaction; returns false when it does not exist. */
    private boolean confirmConsent(Handle handle, long consentId, Instant now) {
        CaptureDao capture = handle.attach(CaptureDao.class);
        Optional<CaptureDao.ConsentRow> consent = capture.findConsent(consentId);
        if (consent.isEmpty()) {
            return false;
        }
        if (capture.confirmConsent(consentId, now) == 0) {
            return true;
        }
        long leadId = consent.get().leadId();
        LeadDao leads = handle.attach(LeadDao.class);
        leads.activate(leadId, now);
        leads.insertEvent(leadId, "consent", null, null, true, Json.write(Map.of(
                "consent_id", consentId, "confirmed", true,
                "consent_version", consent.get().consentVersion())));
        Optional<Form> form = handle.attach(FormDao.class)
                .findById(consent.get().formId());
        String status = leads.findById(leadId).map(l -> l.status()).orElse("");
        if (form.isPresent() && form.get().sequenceId() != null && "active".equals(status)) {
            handle.attach(EnrollmentDao.class).enroll(leadId, form.get().sequenceId(),
                    form.get().id(), now);
        }
        log.info("Consent {} of lead {} confirmed", consentId, leadId);
        return true;
    }

    private static String text(Form form, String link) {
        return "Please confirm that you want to receive emails from " + form.name() + ".\n\n"
                + "Open this link and press the button to confirm:\n" + link + "\n\n"
                + "The link works for " + LINK_LIFETIME.toDays() + " days. If you did not sign"
                + " up, ignore this email and you will hear nothing more from us.\n";
    }
}
