package io.tendril.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure repeating every second: one stack trace, then one count per minute. */
class RepeatedFailuresTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private RepeatedFailures failures;

    @BeforeEach
    void setUp() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.repeated-failures");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        appender.start();
        logger.addAppender(appender);
        failures = new RepeatedFailures(logger, "Due pass", clock);
    }

    @Test
    void twoMinutesOfFailuresLogThreeLines() {
        failSeconds(121);

        assertEquals(3, appender.list.size());
    }

    @Test
    void onlyTheFirstFailureHasAStackTrace() {
        failSeconds(121);

        List<Boolean> traces = appender.list.stream().map(e -> e.getThrowableProxy() != null)
                .toList();
        assertEquals(List.of(true, false, false), traces);
    }

    @Test
    void summaryCountsTheRepeats() {
        failSeconds(61);

        assertEquals("Due pass failed 60 more times in the last 60 s:"
                + " java.lang.IllegalStateException: database down",
                appender.list.get(1).getFormattedMessage());
    }

    @Test
    void recoveryIsLoggedOnce() {
        failSeconds(3);
        failures.succeeded();
        failures.succeeded();

        assertEquals("Due pass works again after 3 failures",
                appender.list.get(1).getFormattedMessage());
        assertEquals(2, appender.list.size());
    }

    private void failSeconds(int seconds) {
        for (int i = 0; i < seconds; i++) {
            failures.failed(new IllegalStateException("database down"));
            clock.advance(Duration.ofSeconds(1));
        }
    }
}
