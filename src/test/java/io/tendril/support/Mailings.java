package io.tendril.support;

import io.tendril.lead.EmailAddress;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;

/** Test data for email tests: a one-step sequence, leads enrolled and due now, MIME access. */
public final class Mailings {

    private Mailings() {
    }

    /** A created sequence and its single step. */
    public record Sequence(long id, long stepId) {
    }

    /** Creates an active sequence with one step that is due at once after enrollment. */
    public static Sequence sequence(Jdbi jdbi, String name, String subject, String html,
            String text) {
        return jdbi.inTransaction(h -> {
            long id = h.createQuery("INSERT INTO sequences (key, name, status) VALUES (:key, :name,"
                    + " 'active') RETURNING id").bind("key", "seq-" + System.nanoTime())
                    .bind("name", name).mapTo(Long.class).one();
            long stepId = h.createQuery("INSERT INTO steps (sequence_id, position, name,"
                    + " wait_amount, subject_template, html_template, text_template) VALUES"
                    + " (:id, 1, 'Only step', 0, :subject, :html, :text) RETURNING id")
                    .bind("id", id).bind("subject", subject).bind("html", html)
                    .bind("text", text).mapTo(Long.class).one();
            return new Sequence(id, stepId);
        });
    }

    /** Creates a lead and enrolls it in {@code sequenceId}, due now; returns the lead id. */
    public static long enroll(Jdbi jdbi, String email, String name, long sequenceId) {
        EmailAddress address = EmailAddress.parse(email);
        return jdbi.inTransaction(h -> {
            long leadId = h.createQuery("INSERT INTO leads (email, email_key, name) VALUES"
                    + " (:email, :key, :name) RETURNING id").bind("email", address.address())
                    .bind("key", address.key()).bind("name", name).mapTo(Long.class).one();
            h.createUpdate("INSERT INTO enrollments (lead_id, sequence_id, next_position,"
                    + " next_due_at) VALUES (:lead, :sequence, 1, now() - interval '1 second')")
                    .bind("lead", leadId).bind("sequence", sequenceId).execute();
            return leadId;
        });
    }

    /** Returns the first part of {@code type}, decoded, or null. */
    public static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Returns the raw header section of {@code message} as received, bytes as Latin-1. */
    public static String rawHeaders(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String raw = out.toString(StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        return end < 0 ? raw : raw.substring(0, end + 2);
    }

    /** Returns the message sent to {@code address} among {@code messages}. */
    public static MimeMessage to(MimeMessage[] messages, String address) throws Exception {
        for (MimeMessage message : messages) {
            String[] to = message.getHeader("To");
            if (to != null && String.join(",", to).contains(address)) {
                return message;
            }
        }
        throw new AssertionError("No email to " + address);
    }
}
