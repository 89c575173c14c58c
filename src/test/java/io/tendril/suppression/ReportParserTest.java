package io.tendril.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-recipient fields of delivery status notifications. */
class ReportParserTest {

    private static final String HEAD = "Reporting-MTA: dns; mx.example.net\n\n";

    @Test
    void temporaryFailureIsSoftBounce() throws Exception {
        List<Feedback> found = ReportParser.dsn(HEAD + "Final-Recipient: rfc822;"
                + " <a@example.com>\nAction: failed\nStatus: 4.2.2\n", "<m@x>");
        assertEquals(1, found.size());
        assertEquals(Feedback.Type.SOFT_BOUNCE, found.get(0).type());
        assertEquals("a@example.com", found.get(0).recipient());
        assertEquals("<m@x>", found.get(0).smtpMessageId());
    }

    @Test
    void delayedRecipientIsSkipped() throws Exception {
        assertEquals(List.of(), ReportParser.dsn(HEAD + "Final-Recipient: rfc822;"
                + " a@example.com\nAction: delayed\nStatus: 4.4.7\n", null));
    }

    @Test
    void eachFailedRecipientIsReported() throws Exception {
        List<Feedback> found = ReportParser.dsn(HEAD
                + "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n\n"
                + "Original-Recipient: rfc822; b@example.com\nAction: failed\nStatus: 5.2.2\n",
                null);
        assertEquals(2, found.size());
        assertEquals(Feedback.Type.HARD_BOUNCE, found.get(1).type());
        assertEquals("b@example.com", found.get(1).recipient());
    }
}
