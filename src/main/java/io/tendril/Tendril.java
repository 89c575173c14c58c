package io.tendril;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import io.tendril.admin.AccountPages;
import io.tendril.admin.AdminRoutes;
import io.tendril.admin.FormPages;
import io.tendril.admin.ApiRoutes;
import io.tendril.admin.AuthService;
import io.tendril.admin.LeadPageService;
import io.tendril.capture.CaptureRoutes;
import io.tendril.capture.CaptureService;
import io.tendril.capture.ConfirmRoutes;
import io.tendril.capture.Confirmations;
import io.tendril.capture.FormRoutes;
import io.tendril.capture.FormService;
import io.tendril.capture.LeadHistoryRoutes;
import io.tendril.capture.RateLimiter;
import io.tendril.config.Config;
import io.tendril.config.SmtpTarget;
import io.tendril.db.Database;
import io.tendril.db.EmbeddedDatabase;
import io.tendril.db.Settings;
import io.tendril.delivery.DevInbox;
import io.tendril.delivery.DuePass;
import io.tendril.delivery.DueScheduler;
import io.tendril.delivery.JdbiDeliveryStore;
import io.tendril.delivery.MessageComposer;
import io.tendril.delivery.Renderer;
import io.tendril.delivery.SmtpMailTransport;
import io.tendril.delivery.StepDirectory;
import io.tendril.delivery.StepPreviewRoutes;
import io.tendril.delivery.StepPreviewService;
import io.tendril.http.ErrorMapper;
import io.tendril.http.HeadRequests;
import io.tendril.http.Json;
import io.tendril.http.Pages;
import io.tendril.http.WidgetRoutes;
import io.tendril.lead.LeadExport;
import io.tendril.imports.ImportRoutes;
import io.tendril.imports.ImportService;
import io.tendril.lead.LeadService;
import io.tendril.report.ReportRollup;
import io.tendril.report.ReportRoutes;
import io.tendril.report.ReportService;
import io.tendril.sequence.DemoData;
import io.tendril.sequence.EnrollmentRoutes;
import io.tendril.sequence.EnrollmentService;
import io.tendril.sequence.SequenceEditor;
import io.tendril.sequence.SequenceMigration;
import io.tendril.sequence.SequencePages;
import io.tendril.sequence.SequenceRoutes;
import io.tendril.sequence.SequenceService;
import io.tendril.sequence.TimelinePreview;
import io.tendril.suppression.FeedbackService;
import io.tendril.suppression.Guardrail;
import io.tendril.suppression.MailboxPoller;
import io.tendril.suppression.SuppressionRoutes;
import io.tendril.suppression.SuppressionService;
import io.tendril.tracking.EngagementTracker;
import io.tendril.tracking.EventWriter;
import io.tendril.tracking.TokenSigner;
import io.tendril.tracking.TrackingRoutes;
import io.tendril.tracking.TrackingService;
import io.tendril.webhook.WebhookRoutes;
import io.tendril.webhook.WebhookSender;
import io.tendril.webhook.WebhookService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Tendril node: wiring only, as plain constructor calls. {@link #start} brings up the
 * database, the mail transport, the scheduler and the HTTP server; {@link #close} stops them in
 * reverse order.
 */
public final class Tendril implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tendril.class);
    /** How often each node checks for due webhook deliveries. */
    private static final Duration WEBHOOK_INTERVAL = Duration.ofSeconds(1);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Javalin server;
    private Database database;
    private DevInbox inbox;
    private String baseUrl;
    private String generatedPassword;
    private String databaseKind;

    private Tendril() {
    }

    /** Starts a node with the system clock and the default scheduler name. */
    public static Tendril start(Config config) {
        return start(config, Clock.systemUTC(), DueScheduler.DEFAULT_NAME);
    }

    /**
     * Starts a node. {@code schedulerName} names the Quartz cluster; nodes sharing a database
     * must share it.
     */
    public static Tendril start(Config config, Clock clock, String schedulerName) {
        Tendril tendril = new Tendril();
        try {
            tendril.startParts(config, clock, schedulerName);
            return tendril;
        } catch (RuntimeException e) {
            tendril.close();
            throw e;
        }
    }

    private void startParts(Config config, Clock clock, String schedulerName) {
        int port = config.port() == 0 ? freePort() : config.port();
        baseUrl = config.baseUrl() != null ? config.baseUrl() : "http://localhost:" + port;

        database = openDatabase(config);
        resources.push(database);
        if (config.demo()) {
            DemoData.seed(database.jdbi());
        }
        TokenSigner signer = new TokenSigner(Settings.signingSecret(database.jdbi(),
                config.secret()));

        SmtpTarget smtp = config.smtp();
        if (smtp == null) {
            inbox = DevInbox.start();
            resources.push(inbox);
            smtp = new SmtpTarget("127.0.0.1", inbox.port(), null, null,
                    SmtpTarget.Security.PLAIN);
        }
        SuppressionService suppressions = new SuppressionService(database.jdbi(), clock);
        SmtpMailTransport transport = new SmtpMailTransport(smtp, config.mail().dkim(), false,
                suppressions.list());
        resources.push(transport);


        DueScheduler scheduler = DueScheduler.create(schedulerName, database.dataSource());
        resources.push(scheduler);
        MessageComposer composer = new MessageComposer(new Renderer(), signer, config.mailFrom(),
                baseUrl, config.mail(), new StepDirectory(database.jdbi()));

        Guardrail guardrail = new Guardrail(database.jdbi(), config.mail(), clock);
        FeedbackService feedback = new FeedbackService(database.jdbi(), suppressions.list(),
                guardrail, config.mail(), clock);
        DuePass pass = new DuePass(new JdbiDeliveryStore(database.jdbi(), schedulerName),
                transport, composer, clock, scheduler.nodeId(), feedback::apply,
                config.sendRates());

        Pages pages = new Pages();
        LeadService leads = new LeadService(database.jdbi(), clock);
        RateLimiter limiter = new RateLimiter(database.jdbi(), clock);
        AuthService auth = new AuthService(database.jdbi(), clock, limiter);
        Confirmations confirmations = new Confirmations(database.jdbi(), clock, signer, limiter,
                transport, pages, config.mailFrom(), baseUrl);
        CaptureService captureService = new CaptureService(database.jdbi(), clock, signer,
                limiter, confirmations);
        CaptureRoutes capture = new CaptureRoutes(captureService, pages, signer, baseUrl);
        ConfirmRoutes confirm = new ConfirmRoutes(confirmations, pages);
        FormService formService = new FormService(database.jdbi(), clock);
        FormRoutes forms = new FormRoutes(formService, captureService);
        LeadHistoryRoutes leadHistory = new LeadHistoryRoutes(database.jdbi(), leads);
        TrackingService trackingService = new TrackingService(database.jdbi(), signer, clock);
        // Closed after the HTTP server, so that it still commits the events of requests in
        // flight, and before the database.
        EventWriter events = EventWriter.start(database.dataSource());
        resources.push(events);
        TrackingRoutes tracking = new TrackingRoutes(trackingService,
                new EngagementTracker(database.jdbi(), signer, clock, events), pages);
        SuppressionRoutes suppressionRoutes = new SuppressionRoutes(suppressions, feedback,
                guardrail, config.mail().webhookSecret());
        StepPreviewRoutes previews = new StepPreviewRoutes(new StepPreviewService(
                database.jdbi(), composer, transport));
        LeadExport leadExport = new LeadExport(database.jdbi());
        ApiRoutes api = new ApiRoutes(auth, leads, inbox, leadExport);
        ImportService importService = new ImportService(database.jdbi());
        ImportRoutes imports = new ImportRoutes(importService);
        SequenceService sequenceService = new SequenceService(database.jdbi(), clock);
        SequenceEditor sequenceEditor = new SequenceEditor(database.jdbi(), clock);
        SequenceRoutes sequences = new SequenceRoutes(sequenceService, sequenceEditor,
                new SequenceMigration(database.jdbi(), clock),
                new TimelinePreview(database.jdbi(), clock));
        WebhookRoutes webhooks = new WebhookRoutes(new WebhookService(database.jdbi(), clock));
        EnrollmentRoutes enrollments = new EnrollmentRoutes(new EnrollmentService(
                database.jdbi(), clock));
        ReportService reportService = new ReportService(database.jdbi());
        ReportRoutes reports = new ReportRoutes(reportService, clock);
        AdminRoutes admin = new AdminRoutes(auth, leads, new LeadPageService(database.jdbi()),
                inbox, guardrail, importService, pages, baseUrl, leadExport, reportService,
                clock);
        WidgetRoutes widget = new WidgetRoutes();
        AccountPages accountPages = new AccountPages(admin, auth, pages);
        SequencePages sequencePages = new SequencePages(admin, sequenceEditor, sequenceService,
                pages);
        FormPages formPages = new FormPages(admin, formService, captureService, pages, baseUrl,
                widget.hash());

        server = Javalin.create(javalin -> {
            javalin.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            javalin.startup.showJavalinBanner = false;
            javalin.http.maxRequestSize = ErrorMapper.MAX_BODY_BYTES;
            // A CSV import streams its body and checks its own size (ImportService.MAX_BYTES).
            javalin.jetty.multipartConfig.maxFileSize(ImportService.MAX_BYTES + 1,
                    SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxTotalRequestSize(ImportService.MAX_BYTES
                    + 1024 * 1024, SizeUnit.BYTES);
            javalin.concurrency.useVirtualThreads = config.virtualThreads();
            javalin.jetty.modifyServletContextHandler(HeadRequests::install);
            javalin.routes.get("/health", ctx -> {
                boolean up = database.ping();
                ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "unavailable"));
            });
            // Javalin tries routes in the order they were added, matching a pattern each, so
            // the links in emails, the most requested paths, come first.
            tracking.register(javalin.routes);
            widget.register(javalin.routes);
            capture.register(javalin.routes);
            confirm.register(javalin.routes);
            forms.register(javalin.routes);
            leadHistory.register(javalin.routes);
            suppressionRoutes.register(javalin.routes);
            api.register(javalin.routes);
            imports.register(javalin.routes);
            sequences.register(javalin.routes);
            enrollments.register(javalin.routes);
            webhooks.register(javalin.routes);
            previews.register(javalin.routes);
            reports.register(javalin.routes);
            admin.register(javalin.routes);
            formPages.register(javalin.routes);
            accountPages.register(javalin.routes);
            sequencePages.register(javalin.routes);
            ErrorMapper.install(javalin.routes, pages);
        });
        server.start("0.0.0.0", port);
        resources.push(() -> server.stop());
        // Created only once the port is bound, so a failed start never consumes the one chance
        // to show a generated password.
        generatedPassword = auth.ensureAdmin(config.adminEmail(), config.adminPassword())
                .orElse(null);
        scheduler.start(pass);
        WebhookSender webhookSender = new WebhookSender(database.jdbi(), clock);
        resources.push(webhookSender);
        webhookSender.start(WEBHOOK_INTERVAL);
        ReportRollup rollup = new ReportRollup(database.jdbi(), ReportRollup.COMMIT_LAG);
        // Closed before the scheduler, which waits for a running pass to end.
        resources.push(rollup);
        scheduler.scheduleEvery("report-rollup", ReportRollup.INTERVAL, rollup::run);
        if (config.mail().feedbackMailbox() != null) {
            MailboxPoller poller = new MailboxPoller(config.mail().feedbackMailbox(), feedback,
                    trackingService, signer, false);
            resources.push(poller);
            poller.start(config.mail().feedbackPollSeconds());
        }
        logSummary(config, smtp);
    }

    private Database openDatabase(Config config) {
        if (config.database() != null) {
            databaseKind = "PostgreSQL at " + config.database().masked();
            return Database.open(config.database().jdbcUrl(), config.database().username(),
                    config.database().password());
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir());
        resources.push(embedded);
        databaseKind = "embedded PostgreSQL on port " + embedded.port() + ", data in "
                + config.dataDir().resolve("postgres");
        return Database.open(embedded.jdbcUrl(), null, null);
    }

    private void logSummary(Config config, SmtpTarget smtp) {
        log.info("Tendril is running at {}", baseUrl);
        log.info("Database: {}", databaseKind);
        log.info("SMTP: {}", inbox != null
                ? "development inbox on 127.0.0.1:" + inbox.port() + ", shown at " + baseUrl
                        + "/admin/outbox; no mail leaves this machine"
                : smtp.masked());
        if (generatedPassword != null) {
            // The password goes to the console only, never to the log files.
            log.info("Admin login: {}/admin/login as admin@localhost; the generated password is"
                    + " printed on standard output once", baseUrl);
            System.out.println("\n  Admin login: admin@localhost / " + generatedPassword
                    + "\n  (shown once; set TENDRIL_ADMIN_EMAIL and TENDRIL_ADMIN_PASSWORD to"
                    + " choose your own)\n");
        } else {
            log.info("Admin login: {}/admin/login", baseUrl);
        }
        if (config.demo()) {
            log.info("Demo form: {}/f/demo", baseUrl);
        }
        log.info("Mail: {}", config.mail());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the HTTP server", e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    /** Returns every HTTP route as "METHOD path", such as "GET /api/v1/leads/{id}". */
    public List<String> routes() {
        return server.unsafe.internalRouter.allHttpHandlers().stream()
                .map(route -> route.endpoint.method.name() + " " + route.endpoint.path)
                .toList();
    }

    public Database database() {
        return database;
    }

    /** Returns the development inbox, or null when Tendril sends through a real SMTP server. */
    public DevInbox inbox() {
        return inbox;
    }

    /** Returns the admin password generated at this start, or null when none was generated. */
    public String generatedPassword() {
        return generatedPassword;
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
