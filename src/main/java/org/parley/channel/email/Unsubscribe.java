package org.parley.channel.email;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jsoup.nodes.Entities;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.i18n.Renderer;

import java.util.Map;
import java.util.Optional;

/**
 * The opt-out link every email of Parley's carries: {@code GET /email/unsubscribe/{token}} shows
 * a page in the patient's language with one button; a {@code POST} to the same URL, from that
 * button or from the mail client's one-click unsubscribe (RFC 8058), records the opt-out in the
 * consent ledger, as an SMS STOP is, and no more automated email goes to the address.
 */
final class Unsubscribe {

    static final String PATH = "/email/unsubscribe";

    private static final HeaderName CONTENT_SECURITY_POLICY =
            HeaderNames.create("Content-Security-Policy");
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final MailTokens tokens;
    private final ConversationService conversations;
    private final ClientStore clients;
    private final ConsentLedger ledger;
    private final Renderer renderer;

    Unsubscribe(MailTokens tokens, ConversationService conversations, ClientStore clients,
                ConsentLedger ledger, Renderer renderer) {
        this.tokens = tokens;
        this.conversations = conversations;
        this.clients = clients;
        this.ledger = ledger;
        this.renderer = renderer;
    }

    void routes(HttpRouting.Builder routing) {
        routing.get(PATH + "/{token}", (req, res) -> page(req, res, false))
                .post(PATH + "/{token}", (req, res) -> page(req, res, true))
                .head(PATH + "/{token}", this::head);
    }

    /** What a GET would answer, without its page: link checkers and mail scanners ask so. */
    private void head(ServerRequest req, ServerResponse res) {
        res.status(conversation(req).isPresent() ? Status.OK_200 : Status.NOT_FOUND_404);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(CONTENT_SECURITY_POLICY, POLICY);
        res.send();
    }

    private Optional<Conversation> conversation(ServerRequest req) {
        return tokens.conversation(MailTokens.Purpose.UNSUBSCRIBE,
                        req.path().pathParameters().get("token"))
                .flatMap(conversations::find)
                .filter(c -> c.channel().equals(EmailOutbox.CHANNEL));
    }

    private void page(ServerRequest req, ServerResponse res, boolean post) {
        if (post && req.content().hasEntity()) {
            // The one-click body says only "List-Unsubscribe=One-Click"; nothing in it counts.
            req.content().consume();
        }
        Optional<Conversation> conversation = conversation(req);
        if (conversation.isEmpty()) {
            send(res, Status.NOT_FOUND_404, "en", "email.unsubscribe.invalid", Map.of(), "USD",
                    Optional.empty());
            return;
        }
        Conversation c = conversation.get();
        Client client = clients.require(c.clientId());
        Map<String, Object> args = Map.of("client", client.name(), "phone",
                client.supportPhone());
        String language = c.dialog().language();
        if (!post) {
            send(res, Status.OK_200, language, "email.unsubscribe.confirm", args,
                    client.currency(), Optional.of(renderer.render(language, "US", "email",
                            "email.unsubscribe.button", args, client.currency())));
            return;
        }
        if (!ledger.optedOut(c.clientId(), EmailOutbox.CHANNEL, c.address())) {
            ledger.optOut(c.clientId(), EmailOutbox.CHANNEL, c.address(),
                    ConsentLedger.UNSUBSCRIBE_LINK, Optional.of(c.id()));
        }
        send(res, Status.OK_200, language, "email.unsubscribe.done", args, client.currency(),
                Optional.empty());
    }

    /** A small page with one sentence, and the button when there is one to press. */
    private void send(ServerResponse res, Status status, String language, String key,
                      Map<String, Object> args, String currency, Optional<String> button) {
        String text = renderer.render(language, "US", "email", key, args, currency);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"")
                .append(language).append("\" dir=\"").append(language.equals("ar") ? "rtl" : "ltr")
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" ")
                .append("content=\"width=device-width\"><title>").append(Entities.escape(text))
                .append("</title></head><body style=\"font-family:Arial,sans-serif;max-width:")
                .append("36rem;margin:3rem auto;padding:0 1rem;font-size:1.1rem\"><p>")
                .append(Entities.escape(text)).append("</p>");
        button.ifPresent(label -> html.append("<form method=\"post\"><button type=\"submit\" ")
                .append("style=\"font-size:1.1rem;padding:.6rem 1.2rem\">")
                .append(Entities.escape(label)).append("</button></form>"));
        html.append("</body></html>");
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(CONTENT_SECURITY_POLICY, POLICY);
        res.send(html.toString());
    }
}
