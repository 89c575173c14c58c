package io.tendril.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.config.Sender;
import io.tendril.http.Json;
import io.tendril.lead.EmailAddress;
import io.tendril.tracking.TokenSigner;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a claimed message into an email ready for SMTP: renders its templates for the lead,
 * rewrites its links for tracking, adds the open pixel and the unsubscribe headers.
 */
public final class MessageComposer {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Renderer renderer;
    private final TokenSigner signer;
    private final Sender from;
    private final String baseUrl;

    public MessageComposer(Renderer renderer, TokenSigner signer, Sender from, String baseUrl) {
        this.renderer = renderer;
        this.signer = signer;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    /** The email to send, and the original URLs of its tracked links in link-index order. */
    public record Composed(OutgoingEmail email, List<String> links) {
    }

    /** Renders {@code message}; throws when a template fails to render. */
    public Composed compose(DueMessage message) {
        Map<String, Object> scope = scope(message);
        String subject = renderer.renderSubject(message.subjectTemplate(), scope);
        String text = renderer.renderText(message.textTemplate(), scope);
        String html = renderer.renderHtml(message.htmlTemplate(), scope);
        String unsubscribeUrl = (String) scope.get("unsubscribe_url");
        LinkRewriter.Rewritten rewritten = LinkRewriter.rewrite(html,
                index -> baseUrl + "/t/c/"
                        + signer.sign(TokenSigner.Kind.CLICK, message.messageId(), index),
                unsubscribeUrl,
                baseUrl + "/t/o/" + signer.sign(TokenSigner.Kind.OPEN, message.messageId(), 0)
                        + ".gif");

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String to = EmailAddress.parse(message.email()).ascii();
        OutgoingEmail email = new OutgoingEmail(from.name(), from.address(), message.name(), to,
                subject, rewritten.html(), text, messageIdHeader(message), headers);
        return new Composed(email, rewritten.links());
    }

    private Map<String, Object> scope(DueMessage message) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", message.name());
        lead.put("first_name", firstName(message.name()));
        lead.put("email", message.email());
        lead.put("company", message.company());
        lead.put("attributes", attributes(message.attributesJson()));

        Map<String, Object> scope = new HashMap<>(lead);
        scope.put("lead", lead);
        scope.put("sequence", Map.of("name", message.sequenceName()));
        scope.put("sender", Map.of("name", from.name(), "address", from.address()));
        String unsubscribeToken = signer.sign(TokenSigner.Kind.UNSUBSCRIBE, message.messageId(), 0);
        scope.put("unsubscribe_url", baseUrl + "/u/" + unsubscribeToken);
        scope.put("base_url", baseUrl);
        return scope;
    }

    private String messageIdHeader(DueMessage message) {
        return "<" + message.messageId() + "." + UUID.randomUUID() + "@" + from.domain() + ">";
    }

    private static Map<String, Object> attributes(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return name.strip().split("\\s+")[0];
    }
}
