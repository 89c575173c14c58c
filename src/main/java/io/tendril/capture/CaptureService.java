package io.tendril.capture;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.http.ApiException;
import io.tendril.http.Json;
import io.tendril.lead.LeadDao;
import io.tendril.tracking.TokenSigner;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records submissions. In order: the per-IP limit (429), the spam checks (spam goes to
 * quarantine and gets the success response), validation (422), the per-email limit (429), then
 * one transaction that upserts the lead, keeps the inquiry with its attribution and consent,
 * and enrolls the lead in the form's sequence, or under double opt-in sends a confirmation
 * email once it commits.
 *
 * <p>The capture transaction runs these statements, in this order: {@code LeadDao/upsert.sql},
 * {@code CaptureDao/insertSubmission.sql}, {@code LeadDao/insertEvent.sql}, then
 * {@code CaptureDao/insertConsent.sql} when consent was given or the form uses double opt-in,
 * and {@code EnrollmentDao/enroll.sql} for an active lead on a single opt-in form.
 */
public final class CaptureService {

    private static final Logger log = LoggerFactory.getLogger(CaptureService.class);
    private static final TypeReference<Map<String, List<String>>> QUARANTINED_VALUES =
            new TypeReference<>() {
            };

    private final Jdbi jdbi;
    private final PooledConnections connections;
    private final Clock clock;
    private final TokenSigner signer;
    private final RateLimiter limiter;
    private final SpamGuard spamGuard;
    private final Confirmations confirmations;
    private final Map<String, CachedForm> forms = new ConcurrentHashMap<>();
    /** The lookup of each slug in progress, which concurrent requests for it wait for. */
    private final Map<String, CompletableFuture<Optional<Form>>> loading =
            new ConcurrentHashMap<>();
    /** Raised by {@link #forgetForms}, so that a lookup begun before it caches nothing. */
    private final AtomicLong generation = new AtomicLong();

    /** How long a form read from the database is reused for later submissions. */
    static final Duration FORM_CACHE_TIME = Duration.ofSeconds(2);
    private static final long FORM_CACHE_NANOS = FORM_CACHE_TIME.toNanos();
    private static final int MAX_CACHED_FORMS = 10_000;

    /** A form and when it was read, in {@link System#nanoTime()} units. */
    private record CachedForm(Form form, long loadedAt) {
    }

    public CaptureService(Jdbi jdbi, Clock clock, TokenSigner signer, RateLimiter limiter,
            Confirmations confirmations) {
        this.jdbi = jdbi;
        this.connections = new PooledConnections(jdbi);
        this.clock = clock;
        this.signer = signer;
        this.limiter = limiter;
        this.spamGuard = new SpamGuard(signer, limiter);
        this.confirmations = confirmations;
    }

    /**
     * The outcome of a submission. Callers must not tell the visitor any of it: the response
     * depends on the form only, so that it never shows whether the lead was new, known,
     * unsubscribed, already confirmed or quarantined.
     */
    public record Result(Long leadId, long submissionId, boolean created, Long enrollmentId,
            boolean quarantined) {
    }

    /**
     * Returns the active form with this slug. A form found in the last {@link #FORM_CACHE_TIME}
     * is reused, because reading and parsing it cost about a fifth of a submission's CPU in the
     * benchmark's profile. One request reads an expired slug again, and the others asking for
     * it meanwhile wait for that read instead of running their own.
     */
    // NOTE: an edit made through another node reaches this one within FORM_CACHE_TIME; edits
    // made through this node apply at once (FormRoutes calls forgetForms).
    public Optional<Form> findForm(String slug) {
        long now = System.nanoTime();
        CachedForm cached = forms.get(slug);
        if (cached != null && now - cached.loadedAt() < FORM_CACHE_NANOS) {
            return Optional.of(cached.form());
        }

        CompletableFuture<Optional<Form>> lookup = new CompletableFuture<>();
        CompletableFuture<Optional<Form>> running = loading.putIfAbsent(slug, lookup);
        if (running != null) {
            return await(running);
        }
        try {
            long before = generation.get();
            Optional<Form> form = jdbi.withExtension(CaptureDao.class,
                    dao -> dao.findFormBySlug(slug));
            if (before == generation.get()) {
                remember(slug, form, now);
            }
            lookup.complete(form);
            return form;
        } catch (RuntimeException | Error e) {
            lookup.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(slug, lookup);
        }
    }

    private void remember(String slug, Optional<Form> form, long loadedAt) {
        if (form.isPresent()) {
            if (forms.size() >= MAX_CACHED_FORMS) {
                forms.clear();
            }
            forms.put(slug, new CachedForm(form.get(), loadedAt));
        } else {
            forms.remove(slug);
        }
    }

    /** Returns the result of another request's lookup, or throws what it threw. */
    private static Optional<Form> await(CompletableFuture<Optional<Form>> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Drops every cached form, so that the next lookup reads the current definitions. */
    public void forgetForms() {
        generation.incrementAndGet();
        loading.clear();
        forms.clear();
    }

    /** Returns the active form with this slug, or throws 404. */
    public Form requireForm(String slug) {
        return findForm(slug).orElseThrow(() -> ApiException.notFound("Form '" + slug + "'"));
    }

    /** Returns a render token for a definition or page of {@code form} shown now. */
    public String renderToken(Form form) {
        return spamGuard.renderToken(form, clock.instant());
    }

    /**
     * Checks and records a submission to {@code form}. When this returns, the submission is
     * committed to PostgreSQL.
     *
     * @throws io.tendril.http.ValidationException when a field is invalid; nothing is written
     * @throws ApiException 429 when the IP address or the email exceeds the form's limit
     */
    public Result submit(Form form, Submission submission) {
        SpamSettings spam = form.spam();
        limiter.check("ip:" + form.id() + ":" + submission.ipHash(), spam.ipLimit(),
                spam.ipLimitSeconds(), "from this address");

        Optional<String> spamReason = spamGuard.check(form, submission, clock.instant());
        if (spamReason.isPresent()) {
            return quarantine(form, submission, spamReason.get());
        }

        ValidSubmission valid = SubmissionValidator.validate(form, submission);
        String emailBucket = "email:" + form.id() + ":"
                + signer.keyedHash("email", valid.email().key());

        // One borrowed connection serves the per-email count, which commits on its own first,
        // and then the capture transaction.
        Recorded recorded = connections.withConnection(connection -> {
            limiter.check(connection, emailBucket, spam.emailLimit(), spam.emailLimitSeconds(),
                    "for this email address");
            return PooledConnections.inTransaction(connection,
                    c -> record(c, form, submission, valid));
        });
        Result result = recorded.result();
        log.debug("Submission {} to form {} recorded for lead {} (new: {}, enrollment: {})",
                result.submissionId(), form.id(), result.leadId(), result.created(),
                result.enrollmentId());
        sendConfirmation(form, recorded);
        return result;
    }

    private static Map<String, List<String>> storedValues(CaptureDao.QuarantinedRow row) {
        try {
            return Json.MAPPER.readValue(row.payload(), QUARANTINED_VALUES);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Invalid payload in submission " + row.id(), e);
        }
    }

    private void sendConfirmation(Form form, Recorded recorded) {
        if (recorded.confirmConsentId() != null) {
            confirmations.send(form, recorded.confirmConsentId(), recorded.result().leadId(),
                    recorded.valid());
        }
    }

    /** Returns the form's quarantined submissions, newest first. */
    public List<CaptureDao.QuarantinedRow> quarantined(Form form, int limit) {
        return jdbi.withExtension(CaptureDao.class, dao -> dao.listQuarantined(form.id(), limit));
    }

    /**
     * Releases a quarantined submission after a person reviewed it: validates it against the
     * form as it is now and records it as a new accepted submission, skipping the spam checks
     * and limits. The quarantined row is kept, marked {@code released}.
     *
     * @throws io.tendril.http.ValidationException when the stored values are not valid
     */
    public Result release(Form form, long submissionId) {
        Recorded recorded = jdbi.inTransaction(handle -> {
            CaptureDao capture = handle.attach(CaptureDao.class);
            CaptureDao.QuarantinedRow row = capture.findQuarantined(form.id(), submissionId)
                    .orElseThrow(() -> ApiException.notFound("Quarantined submission "
                            + submissionId + " of form " + form.id()));
            Submission submission = new Submission(storedValues(row), row.ipHash(),
                    row.userAgent());
            ValidSubmission valid = SubmissionValidator.validate(form, submission);
            Recorded written = record(handle.getConnection(), form, submission, valid);
            capture.markReleased(submissionId, written.result().leadId());
            return written;
        });
        log.info("Quarantined submission {} of form {} released as submission {} for lead {}",
                submissionId, form.id(), recorded.result().submissionId(),
                recorded.result().leadId());
        sendConfirmation(form, recorded);
        return recorded.result();
    }

    /** The rows the capture transaction wrote, and the consent to send a confirmation for. */
    private record Recorded(Result result, Long confirmConsentId, ValidSubmission valid) {
    }

    private Recorded record(Connection connection, Form form, Submission submission,
            ValidSubmission valid) {
        CaptureStatements statements = new CaptureStatements(connection);

        LeadDao.Upserted lead = statements.upsert(valid.email().address(), valid.email().key(),
                valid.name(), valid.phone(), valid.company(), jsonObject(valid.custom()),
                valid.timeZone(), jsonObject(touch(form, valid)),
                form.doubleOptIn() ? "pending" : "active", form.tags().toArray(String[]::new),
                form.stage());

        long submissionId = statements.insertSubmission(form.id(), form.version(), lead.id(),
                "accepted", null, Json.write(payload(valid)),
                valid.attribution(), submission.userAgent(),
                submission.ipHash());
        statements.insertEvent(lead.id(), "submit", null, submissionId, true,
                eventData(form));

        // An unsubscribed lead who ticks consent again gets a confirmation email, even on a
        // single opt-in form, because the unsubscribe remains until the address owner confirms.
        boolean resubscribe = "unsubscribed".equals(lead.status()) && valid.consentGiven();
        boolean confirmationNeeded = form.doubleOptIn() || resubscribe;
        Long consentId = null;
        if (valid.consentGiven() || confirmationNeeded) {
            consentId = statements.insertConsent(lead.id(), form.id(), submissionId,
                    form.consentText(), form.consentVersion(), submission.ipHash(),
                    confirmationNeeded);
        }

        if (confirmationNeeded) {
            boolean reachable = List.of("pending", "active", "unsubscribed")
                    .contains(lead.status());
            boolean confirmed = statements.hasConfirmedConsent(lead.id(), form.id());
            Result result = new Result(lead.id(), submissionId, lead.created(), null, false);
            boolean send = reachable && (!confirmed || resubscribe);
            return new Recorded(result, send ? consentId : null, valid);
        }

        Long enrollmentId = null;
        if (form.sequenceId() != null && "active".equals(lead.status())) {
            enrollmentId = statements.enroll(lead.id(), form.sequenceId(), form.id(),
                    clock.instant()).orElse(null);
        }
        Result result = new Result(lead.id(), submissionId, lead.created(), enrollmentId,
                false);
        return new Recorded(result, null, valid);
    }

    /**
     * Keeps a submission judged as spam, without a lead, and returns the result a real
     * submission would get. Nothing is enrolled and no email is sent.
     */
    private Result quarantine(Form form, Submission submission, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        submission.values().forEach((name, values) -> {
            if (!name.equals(SpamGuard.RENDER_TOKEN) && !name.equals(SpamGuard.POW)) {
                payload.put(SubmissionValidator.truncate(SubmissionValidator.clean(name, false),
                        100), values.stream().map(v -> SubmissionValidator.truncate(
                                SubmissionValidator.clean(v, true), 2000)).toList());
            }
        });
        long id = connections.withConnection(c -> new CaptureStatements(c).insertSubmission(
                form.id(), form.version(), null, "quarantined", reason, Json.write(payload),
                Map.of(), submission.userAgent(), submission.ipHash()));
        log.info("Submission {} to form {} quarantined: {}", id, form.id(), reason);
        return new Result(null, id, false, null, true);
    }

    /** Returns the attribution of this visit with its form and time, or empty when none. */
    private Map<String, Object> touch(Form form, ValidSubmission valid) {
        if (valid.attribution().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> touch = new LinkedHashMap<>(valid.attribution());
        touch.put("form", form.slug());
        touch.put("at", Instant.now(clock).toString());
        return touch;
    }

    /** Returns the submit event's data, {@code {"form": slug, "form_version": version}}. */
    private static String eventData(Form form) {
        return "{\"form\":\"" + new String(JsonStringEncoder.getInstance()
                .quoteAsString(form.slug())) + "\",\"form_version\":" + form.version() + "}";
    }

    /** Returns {@code map} as a JSON object, and "{}" without the mapper when it is empty. */
    private static String jsonObject(Map<String, ?> map) {
        return map.isEmpty() ? "{}" : Json.write(map);
    }

    private static Map<String, Object> payload(ValidSubmission valid) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("email", valid.email().address());
        payload.put("name", valid.name());
        payload.put("phone", valid.phone());
        payload.put("company", valid.company());
        payload.putAll(valid.custom());
        payload.put("consent", valid.consentGiven());
        if (valid.timeZone() != null) {
            payload.put("time_zone", valid.timeZone());
        }
        return payload;
    }
}
