package org.parley.payments;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.ParleyException;
import org.parley.audit.AuditLog;
import org.parley.client.ClientStore;
import org.parley.web.Problems;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The demo's own payment page at {@code /pay/{token}}: it says on every screen that it is a
 * sandbox, takes only test card numbers, and records the payment in the ledger under the link's
 * id, with the card's last four digits, so the balance drops and the patient gets a receipt.
 * It is routed only when {@code payments.sandbox} is on, which a production configuration
 * cannot do.
 *
 * <p>The page is rendered on the server with every value HTML-escaped and carries no script, so
 * nothing is ever parsed as markup in the browser. Its words are English only: it is a
 * development page, like {@code /dev/phone}.
 */
final class SandboxPayPage {

    static final String PATH = "/pay/{token}";
    static final String BANNER = "SANDBOX — no real payment";

    private static final System.Logger LOG = System.getLogger(SandboxPayPage.class.getName());
    private static final HeaderName CONTENT_SECURITY_POLICY =
            HeaderNames.create("Content-Security-Policy");
    // Nothing loads from anywhere; the one form posts back here; nothing may frame the page.
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final int MAX_FORM_BYTES = 1024;
    private static final String METHOD = "sandbox_card";

    private final PaymentLinks links;
    private final PaymentLedger ledger;
    private final ClientStore clients;
    private final AuditLog audit;
    private final Clock clock;

    SandboxPayPage(PaymentLinks links, PaymentLedger ledger, ClientStore clients,
                   AuditLog audit, Clock clock) {
        this.links = links;
        this.ledger = ledger;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    void routes(HttpRouting.Builder routing) {
        routing.get(PATH, this::show).post(PATH, this::pay);
    }

    private void show(ServerRequest req, ServerResponse res) {
        PaymentLink link;
        try {
            link = links.check(req.path().pathParameters().get("token"));
        } catch (PaymentLinkException e) {
            send(res, Problems.status(e.kind()), refusal(e));
            return;
        }
        send(res, Status.OK_200, form(link, ""));
    }

    /** The payment form for {@code link}, after {@code error} (HTML) when there is one. */
    private String form(PaymentLink link, String error) {
        return page("Pay " + clientName(link), error + "<p>Pay <strong>"
                + html(clientName(link)) + "</strong></p>\n<p class=\"amount\">Amount: <strong>"
                + html(amount(link)) + "</strong></p>\n"
                + "<form method=\"post\">\n<label for=\"card\">Card number (test numbers only, "
                + "such as 4242 4242 4242 4242)</label>\n"
                + "<input id=\"card\" name=\"card\" inputmode=\"numeric\" autocomplete=\"off\" "
                + "maxlength=\"23\" required>\n<button type=\"submit\">Pay "
                + html(amount(link)) + " (sandbox)</button>\n</form>");
    }

    private void pay(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        PaymentLink checked;
        try {
            checked = links.check(token);
        } catch (PaymentLinkException e) {
            send(res, Problems.status(e.kind()), refusal(e));
            return;
        }
        String last4;
        try {
            last4 = TestCards.lastFour(cardField(req));
        } catch (ParleyException e) {
            // The link is still good: the patient may type the card again.
            send(res, Problems.status(e.kind()), form(checked, error(e.code(), e.getMessage())));
            return;
        }
        try {
            // Check the link before looking at the card, and the card and the balance before
            // using the link up: a mistyped number or a balance paid meanwhile leaves it usable.
            ledger.check(payment(checked, last4), BigDecimal.ZERO);
            PaymentLink link = links.redeem(token);

            ledger.record(payment(link, last4));
            audit.record("payment.sandbox", "patient", link.clientId(), link.accountNumber(),
                    link.conversationId());
            LOG.log(System.Logger.Level.DEBUG, "Sandbox payment recorded, linkId={0}",
                    link.linkId());
            send(res, Status.OK_200, page("Payment received (sandbox)",
                    "<p class=\"done\">Sandbox payment of <strong>" + html(amount(link))
                            + "</strong> to <strong>" + html(clientName(link))
                            + "</strong> recorded, card ending " + html(last4) + ".</p>\n"
                            + "<p>No money moved: this was a sandbox payment.</p>"));
        } catch (PaymentException.MoreThanOwed e) {
            // The ledger's message is for the client's system; the patient needs less.
            send(res, Problems.status(e.kind()), refusal(e.code(), "This payment is more than "
                    + "the account owes now; ask for a new link in the conversation"));
        } catch (ParleyException e) {
            send(res, Problems.status(e.kind()), refusal(e));
        }
    }

    /** The link's payment, made now with the test card ending in {@code last4}. */
    private ReportedPayment payment(PaymentLink link, String last4) {
        return new ReportedPayment(link.clientId(), link.linkId(), link.accountNumber(),
                link.amount(), clock.instant(), METHOD, Optional.of(last4),
                PaymentSource.SANDBOX, Optional.of(link.linkId()),
                Optional.of(link.conversationId()));
    }

    /** The card field of the form; the body is never logged or kept. */
    private static String cardField(ServerRequest req) {
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        if (body.length() > MAX_FORM_BYTES) {
            return "";
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("card")) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return "";
    }

    private String clientName(PaymentLink link) {
        return clients.find(link.clientId()).map(c -> c.name()).orElse(link.clientId());
    }

    private String amount(PaymentLink link) {
        String currency = clients.find(link.clientId()).map(c -> c.currency()).orElse("");
        return (currency + " " + link.amount().setScale(2).toPlainString()).trim();
    }

    private static String refusal(ParleyException e) {
        return refusal(e.code(), e.getMessage());
    }

    private static String refusal(String code, String message) {
        return page("Payment not taken", error(code, message));
    }

    private static String error(String code, String message) {
        return "<p class=\"error\" data-code=\"" + html(code) + "\">" + html(message) + "</p>\n";
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<title>" + html(title) + " — " + BANNER + "</title>\n<style>\n"
                + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:0 auto;"
                + "padding:1rem}\n.sandbox{background:#b00020;color:#fff;font-size:1.4rem;"
                + "font-weight:bold;text-align:center;padding:1rem;border-radius:.5rem}\n"
                + "label,input,button{display:block;width:100%;margin:.5rem 0;font-size:1.1rem}\n"
                + ".error{color:#b00020}\n</style>\n</head>\n<body>\n"
                + "<p class=\"sandbox\" role=\"alert\">" + BANNER + "</p>\n"
                + body + "\n</body>\n</html>\n";
    }

    private static void send(ServerResponse res, Status status, String html) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(CONTENT_SECURITY_POLICY, POLICY);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.send(html);
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
