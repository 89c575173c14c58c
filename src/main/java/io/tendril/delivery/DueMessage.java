package io.tendril.delivery;

/**
 * A message claimed for sending: its row is already in state {@code sending}, and the
 * enrollment has already moved past its step.
 */
public record DueMessage(
        long messageId,
        long enrollmentId,
        long stepId,
        long leadId,
        String email,
        String name,
        String company,
        String attributesJson,
        String sequenceName,
        String subjectTemplate,
        String htmlTemplate,
        String textTemplate) {
}
