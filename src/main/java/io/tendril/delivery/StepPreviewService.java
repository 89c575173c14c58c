package io.tendril.delivery;

import io.tendril.http.ApiException;
import io.tendril.http.ValidationException;
import io.tendril.lead.EmailAddress;
import io.tendril.sequence.StepPlan;
import io.tendril.sequence.StepPlanDao;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a step for a chosen lead or for sample data, and sends one marked test copy. A
 * preview or test send writes no message row and no event, and its links are not tracked.
 */
public final class StepPreviewService {

    private static final Logger log = LoggerFactory.getLogger(StepPreviewService.class);
    private static final long SEND_TIMEOUT_SECONDS = 60;
    /** The lead a preview uses when none is chosen. */
    static final TemplateDao.LeadFields SAMPLE = new TemplateDao.LeadFields(0, "ada@example.com",
            "Ada Lovelace", "Analytical Engines Ltd", "{\"plan\": \"trial\"}");

    private final Jdbi jdbi;
    private final MessageComposer composer;
    private final MailTransport transport;

    public StepPreviewService(Jdbi jdbi, MessageComposer composer, MailTransport transport) {
        this.jdbi = jdbi;
        this.composer = composer;
        this.transport = transport;
    }

    /** A rendered preview, with the template problems found while checking it. */
    public record Preview(String subject, String html, String text, String from, String to,
            List<TemplateCheck.Problem> problems) {
    }

    /** Renders step {@code stepId} for lead {@code leadId}, or sample data when it is null. */
    public Preview preview(long stepId, Long leadId) {
        TemplateDao.StepTemplates step = step(stepId);
        List<TemplateCheck.Problem> problems = TemplateCheck.check(step.subjectTemplate(),
                step.htmlTemplate(), step.textTemplate());
        if (problems.stream().anyMatch(p -> p.kind().equals("syntax"))) {
            throw new ApiException(422, "template_invalid", "A template of step " + stepId
                    + " does not compile; fix it and preview again.",
                    java.util.Map.of("problems", problems));
        }
        OutgoingEmail email = compose(step, lead(leadId)).email();
        return new Preview(email.subject(), email.html(), email.text(),
                email.fromName() + " <" + email.fromAddress() + ">", email.toAddress(), problems);
    }

    /** Sends one test copy of the step to {@code to}, marked with a subject prefix and header. */
    public void testSend(long stepId, Long leadId, String to) {
        String address;
        try {
            address = EmailAddress.parse(to == null ? "" : to).ascii();
        } catch (EmailAddress.InvalidEmailException e) {
            throw ValidationException.of("to", e.getMessage());
        }
        OutgoingEmail email = compose(step(stepId), lead(leadId)).email().asTest(address);
        try {
            transport.send(email).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SmtpMailTransport.SuppressedException) {
                throw new ApiException(409, "suppressed", "'" + to + "' is on the suppression"
                        + " list, so no test was sent; remove it with DELETE"
                        + " /api/v1/suppressions/{email} first.", null);
            }
            log.warn("Test send of step {} failed: {}", stepId, e.getCause().toString());
            throw new ApiException(502, "smtp_failed", "The SMTP server did not accept the test"
                    + " email: " + e.getCause().getMessage(), null);
        } catch (TimeoutException e) {
            log.warn("Test send of step {} failed: {}", stepId, e.toString());
            throw new ApiException(502, "smtp_failed", "The SMTP server did not accept the test"
                    + " email: " + (e.getCause() == null ? e : e.getCause()).getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        log.info("Test copy of step {} sent", stepId);
    }

    private MessageComposer.Composed compose(TemplateDao.StepTemplates step,
            TemplateDao.LeadFields lead) {
        DueMessage message = new DueMessage(0, 0, step.stepId(), lead.id(), lead.email(),
                lead.name(), lead.company(), lead.attributesJson(), step.sequenceName(),
                step.subjectTemplate(), step.htmlTemplate(), step.textTemplate());
        try {
            return composer.compose(message, false);
        } catch (RuntimeException e) {
            throw new ApiException(422, "render_failed", "Rendering step " + step.stepId()
                    + " failed: " + e.getMessage(), null);
        }
    }

    /** Reads an email step's templates, and rejects a stage or tag step, which sends no email. */
    private TemplateDao.StepTemplates step(long stepId) {
        String action = jdbi.withExtension(StepPlanDao.class, dao -> dao.findAction(stepId))
                .orElseThrow(() -> ApiException.notFound("Step " + stepId));
        if (!action.equals(StepPlan.Action.EMAIL.code())) {
            String article = action.startsWith("a") ? "an " : "a ";
            throw new ApiException(422, "not_email_step", "Step " + stepId + " is " + article
                    + action + " step. Only email steps can be previewed or test-sent.",
                    java.util.Map.of("action", action));
        }
        return jdbi.withExtension(TemplateDao.class, dao -> dao.findStep(stepId))
                .orElseThrow(() -> ApiException.notFound("Step " + stepId));
    }

    private TemplateDao.LeadFields lead(Long leadId) {
        if (leadId == null) {
            return SAMPLE;
        }
        return jdbi.withExtension(TemplateDao.class, dao -> dao.findLead(leadId))
                .orElseThrow(() -> ApiException.notFound("Lead " + leadId));
    }
}
