package io.tendril.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tendril.config.MailSettings;
import io.tendril.config.Sender;
import io.tendril.http.Json;
import io.tendril.lead.EmailAddress;
import io.tendril.tracking.TokenSigner;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a claimed message into an email ready for SMTP: renders its templates for the lead,
 * rewrites its links for tracking, adds the open pixel, the unsubscribe headers and, when a
 * bounce domain is configured, a per-message Return-Path (VERP). Runs no database statement.
 */
public final class MessageComposer {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Renderer renderer;
    private final TokenSigner signer;
    private final Sender from;
    private final String baseUrl;
    private final MailSettings settings;
    private final StepDirectory steps;

    public MessageComposer(Renderer renderer, TokenSigner signer, Sender from, String baseUrl) {
        this(renderer, signer, from, baseUrl, MailSettings.defaults(), new StepDirectory(null));
    }

    public MessageComposer(Renderer renderer, TokenSigner signer, Sender from, String baseUrl,
            MailSettings settings, StepDirectory steps) {
        this.renderer = renderer;
        this.signer = signer;
        this.from = from;
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.steps = steps;
    }

    /** The email to send, and the original URLs of its tracked links in link-index order. */
    public record Composed(OutgoingEmail email, List<String> links) {
    }

    /** Renders {@code message} with tracked links; throws when a template fails. */
    public Composed compose(DueMessage message) {
        return compose(message, true);
    }

    /**
     * Renders {@code message}. With {@code tracked} false (previews and test sends) links stay
     * as written and no pixel is added, because such a message has no row to record events on.
     */
    public Composed compose(DueMessage message, boolean tracked) {
        Map<String, Object> scope = scope(message);
        Renderer.Rendered rendered = renderer.render(message.subjectTemplate(),
                message.htmlTemplate(), message.textTemplate(), scope);
        String unsubscribeUrl = (String) scope.get("unsubscribe_url");
        String preferencesUrl = (String) scope.get("preferences_url");
        LinkRewriter.Rewritten rewritten = new LinkRewriter.Rewritten(rendered.html(), List.of());
        if (tracked) {
            rewritten = LinkRewriter.rewrite(rendered.html(),
                    index -> baseUrl + "/t/c/"
                            + signer.sign(TokenSigner.Kind.CLICK, message.messageId(), index),
                    Set.of(unsubscribeUrl, preferencesUrl), utm(message),
                    baseUrl + "/t/o/" + signer.sign(TokenSigner.Kind.OPEN, message.messageId(), 0)
                            + ".gif");
        }

        String unsubscribeToken = signer.sign(TokenSigner.Kind.UNSUBSCRIBE, message.messageId(),
                0);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">, <mailto:"
                + unsubscribeMailbox(unsubscribeToken) + "?subject=unsubscribe>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String to = EmailAddress.parse(message.email()).ascii();
        OutgoingEmail email = new OutgoingEmail(HeaderText.clean(from.name()), from.address(),
                HeaderText.clean(message.name()), to, rendered.subject(), rewritten.html(),
                rendered.text(), messageIdHeader(message), headers, bounceAddress(message));
        return new Composed(email, rewritten.links());
    }

    /**
     * Returns the address the mailto unsubscribe goes to: {@code u-TOKEN@BOUNCE_DOMAIN}, or
     * with no bounce domain {@code LOCAL+u-TOKEN@DOMAIN} of the sender, whose mailbox must then
     * be the feedback mailbox that Tendril polls.
     */
    String unsubscribeMailbox(String token) {
        if (settings.bounceDomain() != null) {
            return "u-" + token + "@" + settings.bounceDomain();
        }
        String local = from.address().substring(0, from.address().lastIndexOf('@'));
        return local + "+u-" + token + "@" + from.domain();
    }

    private String bounceAddress(DueMessage message) {
        if (settings.bounceDomain() == null) {
            return null;
        }
        return "b-" + signer.sign(TokenSigner.Kind.BOUNCE, message.messageId(), 0) + "@"
                + settings.bounceDomain();
    }

    private Utm utm(DueMessage message) {
        if (!settings.utmAuto()) {
            return null;
        }
        String campaign = message.sequenceName() == null ? null
                : message.sequenceName().strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return new Utm("tendril", "email", campaign);
    }

    private Map<String, Object> scope(DueMessage message) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("id", message.leadId());
        lead.put("name", message.name());
        lead.put("first_name", firstName(message.name()));
        lead.put("email", message.email());
        lead.put("company", message.company());
        lead.put("attributes", attributes(message.attributesJson()));

        Map<String, Object> sender = new HashMap<>();
        sender.put("name", from.name());
        sender.put("address", from.address());
        sender.put("domain", from.domain());
        sender.put("postal_address", settings.postalAddress());

        Map<String, Object> scope = new HashMap<>(lead);
        scope.put("lead", lead);
        scope.put("sequence", Map.of("name", String.valueOf(message.sequenceName())));
        scope.put("step", steps.step(message.stepId()));
        scope.put("form", steps.form(message.stepId()));
        scope.put("message", Map.of("id", message.messageId()));
        scope.put("sender", sender);
        scope.put("postal_address", settings.postalAddress());
        scope.put("unsubscribe_url", baseUrl + "/u/"
                + signer.sign(TokenSigner.Kind.UNSUBSCRIBE, message.messageId(), 0));
        scope.put("preferences_url", baseUrl + "/p/"
                + signer.sign(TokenSigner.Kind.PREFERENCES, message.messageId(), 0));
        scope.put("base_url", baseUrl);
        return scope;
    }

    private String messageIdHeader(DueMessage message) {
        return "<" + message.messageId() + "." + UUID.randomUUID() + "@" + from.domain() + ">";
    }

    private static Map<String, Object> attributes(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * Returns the first word of the name without the punctuation around it, so that "Zoë, PhD"
     * greets "Zoë" and not "Zoë,".
     */
    static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String first = HeaderText.clean(name).strip().split("[\\s,;]+")[0];
        return first.replaceAll("^[\\p{Punct}&&[^'-]]+|[\\p{Punct}&&[^'-]]+$", "");
    }
}
