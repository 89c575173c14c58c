package io.tendril.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.tendril.Tendril;
import io.tendril.config.Config;
import io.tendril.delivery.Await;
import io.tendril.delivery.MutableClock;
import io.tendril.support.Http;
import io.tendril.support.TestDatabase;
import io.tendril.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The due pass running sequences on one node with a test clock: conditions, stage and tag
 * steps, goal exits, versioned edits, waits in the lead's time zone, and unsubscribing in the
 * middle of a sequence. Each test uses its own sequence and leads.
 */
class NurtureEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final MutableClock clock = new MutableClock(Instant.now());
    private static GreenMail smtp;
    private static Tendril tendril;
    private static Jdbi jdbi;
    private static Http http;
    private static String auth;

    @BeforeAll
    static void start() {
        smtp = TestNode.startSmtp();
        tendril = Tendril.start(Config.fromEnvironment(Map.of(
                "TENDRIL_PORT", "0",
                "TENDRIL_DATABASE_URL", TestDatabase.createDatabase(),
                "TENDRIL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "TENDRIL_DEMO", "false",
                "TENDRIL_ADMIN_EMAIL", TestNode.ADMIN_EMAIL,
                "TENDRIL_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD,
                "TENDRIL_DATA_DIR", Path.of("target", "test-data").toString())),
                clock, "nurture-engine-" + System.nanoTime());
        jdbi = tendril.database().jdbi();
        http = new Http(tendril.baseUrl());
        auth = "Bearer " + http.createToken(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        tendril.close();
        smtp.stop();
    }

    @Test
    void conditionsActionsAndGoalTag() throws Exception {
        long sequence = sequence("engine", "{\"tags\": [\"customer\"]}");
        email(sequence, 1, 1, 0, "Hello {{name}}", null);
        email(sequence, 1, 2, 1, "For trials", "{\"type\": \"has_tag\", \"tag\": \"trial\"}");
        change(sequence, 3, "set_stage", "mql", null);
        change(sequence, 4, "add_tag", "customer", "{\"type\": \"attribute\", \"name\": \"plan\","
                + " \"op\": \"equals\", \"value\": \"pro\"}");
        email(sequence, 1, 5, 1, "Last word", null);
        long tia = lead("tia@example.com", "{trial}", "{\"plan\": \"pro\"}", null);
        long uma = lead("uma@example.com", "{}", "{\"plan\": \"free\"}", null);
        enroll(tia, sequence);
        enroll(uma, sequence);

        awaitSubjects("tia@example.com", "Hello tia");
        awaitSubjects("uma@example.com", "Hello uma");
        clock.advance(Duration.ofMinutes(1));
        awaitSubjects("tia@example.com", "Hello tia", "For trials");
        Await.until("uma's enrollment reaches step 5", WAIT,
                () -> enrollment(uma).equals("active 5"));
        clock.advance(Duration.ofMinutes(1));
        awaitSubjects("uma@example.com", "Hello uma", "Last word");
        Await.until("tia's enrollment ends", WAIT, () -> !enrollment(tia).startsWith("active"));

        assertEquals("exited goal", enrollmentEnd(tia));
        assertEquals("completed null", enrollmentEnd(uma));
        assertEquals("mql {trial,customer}", leadState(tia));
        assertEquals("mql {}", leadState(uma));
        assertEquals(2, events(uma, "skip"));
        assertEquals(List.of("Hello tia", "For trials"), subjects("tia@example.com"));
    }

    @Test
    void scoreConditionPicksEmail() throws Exception {
        long sequence = sequence("score", "{}");
        email(sequence, 1, 1, 0, "For warm leads", "{\"type\": \"score_at_least\","
                + " \"score\": 5}");
        email(sequence, 1, 2, 0, "For cold leads", "{\"type\": \"score_below\","
                + " \"score\": 5}");
        long warm = lead("warm@example.com", "{}", "{}", null);
        long cold = lead("cold@example.com", "{}", "{}", null);
        jdbi.useHandle(h -> h.execute("UPDATE leads SET score = 8 WHERE id = ?", warm));
        enroll(warm, sequence);
        enroll(cold, sequence);

        awaitSubjects("warm@example.com", "For warm leads");
        awaitSubjects("cold@example.com", "For cold leads");
        Await.until("both enrollments complete", WAIT, () -> enrollmentEnd(warm)
                .equals("completed null") && enrollmentEnd(cold).equals("completed null"));

        assertEquals(List.of("For warm leads"), subjects("warm@example.com"));
        assertEquals(List.of("For cold leads"), subjects("cold@example.com"));
    }

    @Test
    void runningEnrollmentKeepsItsVersion() throws Exception {
        long sequence = sequence("versions", "{}");
        email(sequence, 1, 1, 0, "V1 first", null);
        email(sequence, 1, 2, 10, "V1 second", null);
        long vic = lead("vic@example.com", "{}", "{}", null);
        enroll(vic, sequence);
        awaitSubjects("vic@example.com", "V1 first");

        email(sequence, 2, 1, 0, "V2 first", null);
        email(sequence, 2, 2, 10, "V2 second", null);
        jdbi.useHandle(h -> h.execute("UPDATE sequences SET version = 2 WHERE id = ?", sequence));
        long wes = lead("wes@example.com", "{}", "{}", null);
        enroll(wes, sequence);
        awaitSubjects("wes@example.com", "V2 first");
        clock.advance(Duration.ofMinutes(10));

        awaitSubjects("vic@example.com", "V1 first", "V1 second");
        awaitSubjects("wes@example.com", "V2 first", "V2 second");
    }

    @Test
    void stageFromAnyWriterIsGoalExit() {
        long sequence = sequence("stage-goal", "{\"stages\": [\"customer\"]}");
        email(sequence, 1, 1, 60, "Later", null);
        long xia = lead("xia@example.com", "{}", "{}", null);
        enroll(xia, sequence);

        jdbi.useHandle(h -> h.execute("UPDATE leads SET stage = 'customer' WHERE id = ?", xia));

        assertEquals("exited goal", enrollmentEnd(xia));
        assertEquals(1, events(xia, "exit"));
    }

    @Test
    void otherFormSubmissionIsGoalExit() {
        long sequence = sequence("form-goal", "{\"any_other_form\": true}");
        email(sequence, 1, 1, 60, "Later", null);
        long enrolling = form("enrolling-form");
        long other = form("pricing-form");
        long yul = lead("yul@example.com", "{}", "{}", null);
        long zed = lead("zed@example.com", "{}", "{}", null);
        jdbi.useExtension(EnrollmentDao.class, dao -> {
            dao.enroll(yul, sequence, enrolling, clock.instant());
            dao.enroll(zed, sequence, enrolling, clock.instant());
        });

        submit(yul, other);
        submit(zed, enrolling);

        assertEquals("exited form", enrollmentEnd(yul));
        assertEquals("active", enrollmentEnd(zed).split(" ")[0]);
    }

    @Test
    void firstStepWaitsInLeadTimeZone() {
        long sequence = sequence("zones", "{}");
        jdbi.useHandle(h -> h.execute("INSERT INTO steps (sequence_id, position, name, wait_unit,"
                + " wait_amount, subject_template, html_template) VALUES (?, 1, 'Day', 'days',"
                + " 1, 'Tomorrow', '<p>Hi</p>')", sequence));
        long ana = lead("ana@example.com", "{}", "{}", "Asia/Kathmandu");
        jdbi.useHandle(h -> h.execute("UPDATE sequences SET window_days = '{1,2,3,4,5,6,7}',"
                + " window_start = '09:00', window_end = '10:00' WHERE id = ?", sequence));
        enroll(ana, sequence);

        Await.until("ana's first step is scheduled", WAIT, () -> enrollment(ana)
                .equals("active 1"));
        Instant due = jdbi.withHandle(h -> h.createQuery("SELECT next_due_at FROM enrollments"
                + " WHERE lead_id = ?").bind(0, ana).mapTo(Instant.class).one());
        LocalTime local = due.atZone(ZoneId.of("Asia/Kathmandu")).toLocalTime();

        assertFalse(local.isBefore(LocalTime.of(9, 0)), "due at " + local + " Kathmandu time");
        assertTrue(local.isBefore(LocalTime.of(10, 0)), "due at " + local + " Kathmandu time");
        assertTrue(due.isAfter(clock.instant().plus(Duration.ofHours(23))), "due " + due);
    }

    /**
     * A three-step sequence one minute apart: the lead unsubscribes right after step one, and
     * neither later steps nor a new submission of the form send anything more.
     */
    @Test
    void unsubscribeMidSequenceStopsLaterSteps() throws Exception {
        long sequence = sequence("three-steps", "{}");
        email(sequence, 1, 1, 0, "Step one", null);
        email(sequence, 1, 2, 1, "Step two", null);
        email(sequence, 1, 3, 1, "Step three", null);
        String slug = "three-steps-form";
        HttpResponse<String> created = api("POST", "/api/v1/forms", """
                {"slug": "%s", "name": "Three", "sequence_id": %d,
                 "fields": [{"name": "email", "type": "email", "required": true}],
                 "spam": {"require_render_token": false, "min_fill_seconds": 0}}"""
                .formatted(slug, sequence));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, http.postJson("/f/" + slug, "{\"email\": \"cy@example.com\"}")
                .statusCode());
        MimeMessage first = awaitSubjects("cy@example.com", "Step one").get(0);

        HttpResponse<String> unsubscribe = http.postForm(unsubscribeUrl(first),
                "List-Unsubscribe=One-Click");
        clock.advance(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> again = http.postJson("/f/" + slug, "{\"email\": \"cy@example.com\"}");
        clock.advance(Duration.ofMinutes(1));
        Thread.sleep(3000);

        assertEquals(200, unsubscribe.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals(List.of("Step one"), subjects("cy@example.com"));
        assertEquals("exited unsubscribe", jdbi.withHandle(h -> h.createQuery("SELECT"
                + " string_agg(e.status || ' ' || e.exit_reason, ',') FROM enrollments e JOIN leads l"
                + " ON l.id = e.lead_id WHERE l.email = 'cy@example.com'").mapTo(String.class)
                .one()));
    }

    /**
     * Turns that only schedule a first step send nothing. A pass keeps claiming while its
     * claims come back full, so such a backlog does not hold the queue to one batch a pass:
     * one batch a pass, two passes a second, would take 20 s for these 2,000.
     */
    @Test
    void schedulingBacklogDrainsInOnePass() {
        long sequence = sequence("backlog", "{}");
        email(sequence, 1, 1, 24 * 60, "A day later", null);
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO leads (email, email_key, name) SELECT 'backlog-' || n"
                    + " || '@example.com', 'backlog-' || n || '@example.com', 'Lead ' || n"
                    + " FROM generate_series(1, 2000) n").execute();
            h.createUpdate("INSERT INTO enrollments (lead_id, sequence_id, next_position,"
                    + " next_due_at) SELECT id, :s, 0, :now FROM leads WHERE email LIKE"
                    + " 'backlog-%'").bind("s", sequence).bind("now", clock.instant()).execute();
        });

        Await.until("2,000 first steps are scheduled", Duration.ofSeconds(12),
                () -> jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM enrollments"
                        + " WHERE sequence_id = ? AND next_position = 1").bind(0, sequence)
                        .mapTo(Integer.class).one()) == 2000);
    }

    private static String unsubscribeUrl(MimeMessage message) throws Exception {
        String header = MimeUtility.unfold(message.getHeader("List-Unsubscribe", null));
        Matcher matcher = Pattern.compile("<(http[^>]+/u/[^>]+)>").matcher(header);
        assertTrue(matcher.find(), header);
        return matcher.group(1);
    }

    private static HttpResponse<String> api(String method, String path, String json) {
        return http.send(http.request(path, "Authorization", auth)
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static long sequence(String key, String goals) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO sequences (key, name, goal_exits)"
                + " VALUES (:key, :key, CAST(:goals AS jsonb)) RETURNING id").bind("key", key)
                .bind("goals", goals).mapTo(Long.class).one());
    }

    private static void email(long sequence, int version, int position, int minutes,
            String subject, String condition) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO steps (sequence_id, version, position,"
                + " name, wait_amount, condition, subject_template, html_template) VALUES (:s,"
                + " :v, :p, :subject, :m, CAST(:c AS jsonb), :subject, '<p>Hello</p>')")
                .bind("s", sequence).bind("v", version).bind("p", position).bind("m", minutes)
                .bind("subject", subject).bind("c", condition).execute());
    }

    private static void change(long sequence, int position, String action, String value,
            String condition) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO steps (sequence_id, position, name,"
                + " wait_amount, action, action_value, condition, subject_template,"
                + " html_template) VALUES (:s, :p, :a, 0, :a, :v, CAST(:c AS jsonb), '', '')")
                .bind("s", sequence).bind("p", position).bind("a", action).bind("v", value)
                .bind("c", condition).execute());
    }

    private static long lead(String email, String tags, String attributes, String zone) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO leads (email, email_key, name,"
                + " tags, attributes, time_zone) VALUES (:e, :e, split_part(:e, '@', 1),"
                + " CAST(:t AS text[]), CAST(:a AS jsonb), :z) RETURNING id").bind("e", email)
                .bind("t", tags).bind("a", attributes).bind("z", zone).mapTo(Long.class).one());
    }

    private static void enroll(long lead, long sequence) {
        jdbi.useExtension(EnrollmentDao.class,
                dao -> dao.enroll(lead, sequence, null, clock.instant()).orElseThrow());
    }

    private static long form(String slug) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO forms (slug, name) VALUES (:s, :s)"
                + " RETURNING id").bind("s", slug).mapTo(Long.class).one());
    }

    private static void submit(long lead, long form) {
        jdbi.useHandle(h -> h.execute("INSERT INTO submissions (form_id, lead_id) VALUES (?, ?)",
                form, lead));
    }

    private static String enrollment(long lead) {
        return query("SELECT status || ' ' || next_position FROM enrollments WHERE lead_id = ?",
                lead);
    }

    private static String enrollmentEnd(long lead) {
        return query("SELECT status || ' ' || COALESCE(exit_reason, 'null') FROM enrollments"
                + " WHERE lead_id = ?", lead);
    }

    private static String leadState(long lead) {
        return query("SELECT stage || ' ' || CAST(tags AS text) FROM leads WHERE id = ?", lead);
    }

    private static int events(long lead, String type) {
        return Integer.parseInt(query("SELECT CAST(count(*) AS text) FROM events WHERE lead_id = ?"
                + " AND type = '" + type + "'", lead));
    }

    private static String query(String sql, long id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, id).mapTo(String.class).one());
    }

    private static List<MimeMessage> awaitSubjects(String address, String... expected)
            throws Exception {
        Await.until(address + " receives " + List.of(expected), WAIT,
                () -> subjects(address).size() >= expected.length);
        assertEquals(List.of(expected), subjects(address));
        return messagesTo(address);
    }

    private static List<String> subjects(String address) {
        List<String> subjects = new ArrayList<>();
        try {
            for (MimeMessage message : messagesTo(address)) {
                subjects.add(message.getSubject());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return subjects;
    }

    private static List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().contains(address)) {
                found.add(message);
            }
        }
        return found;
    }
}
