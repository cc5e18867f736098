package org.parley.channel.sms;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.web.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The simulated phone at {@code /dev/phone}, a development page served only without Twilio
 * credentials. It texts Parley as a demo patient through the real webhook, signed in the browser
 * with the development auth token exactly as Twilio signs, and shows the replies from the
 * development outbox with their delivery status, encoding and segment count.
 *
 * <p>The page is told the development token, so whoever reaches it can text as any number: that
 * is why it exists only while no real SMS can leave, and why Parley warns when it is on.
 */
final class DevPhone {

    static final String PATH = "/dev/phone";
    static final String WEBHOOK_PATH = "/twilio/sms";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final HeaderName CONTENT_SECURITY_POLICY =
            HeaderNames.create("Content-Security-Policy");
    // Everything the page needs comes from this server; nothing may frame it or load elsewhere.
    private static final String POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final SmsChannel sms;
    private final ClientStore clients;
    private final AccountStore accounts;
    private final String devAuthToken;
    private final Optional<String> signedUrl;

    /**
     * What the page needs before it can text.
     *
     * @param devAuthToken the key for {@code X-Twilio-Signature}; development only
     * @param signedUrl    the URL to sign when it is not the page's own origin plus
     *                     {@code webhookPath}: Parley checks the public base URL when one is set
     * @param phones       the client's patients' numbers, once each
     */
    record Setup(String clientId, String clientName, String clientNumber, String devAuthToken,
                 String webhookPath, Optional<String> signedUrl, List<String> phones) {
    }

    /**
     * One text on the phone's screen.
     *
     * @param from     {@code patient}, {@code bot} or {@code agent}
     * @param encoding {@code GSM-7} or {@code UCS-2}
     */
    record Text(long seq, String from, String text, String status, String encoding,
                int segments, Instant at) {
    }

    /**
     * The phone's current conversation after the seq asked for; the whole of it when it is not
     * the conversation the page last saw, since a new conversation counts its seqs from 1 again.
     */
    record Thread(Optional<String> conversationId, List<Text> messages) {
    }

    DevPhone(SmsChannel sms, ClientStore clients, AccountStore accounts, String devAuthToken,
             Optional<String> signedUrl) {
        this.sms = sms;
        this.clients = clients;
        this.accounts = accounts;
        this.devAuthToken = devAuthToken;
        this.signedUrl = signedUrl;
    }

    void routes(HttpRouting.Builder routing) {
        routing.get(PATH, (req, res) -> resource(res, "phone.html", "text/html; charset=utf-8"))
                .get(PATH + ".js", (req, res) -> resource(res, "phone.js",
                        "text/javascript; charset=utf-8"))
                .get(PATH + ".css", (req, res) -> resource(res, "phone.css",
                        "text/css; charset=utf-8"))
                .get(PATH + "/setup", this::setup)
                .get(PATH + "/messages", this::messages);
    }

    private void setup(ServerRequest req, ServerResponse res) {
        Client client = client(req);
        json(res, new Setup(client.id(), client.name(), client.smsNumber(), devAuthToken,
                WEBHOOK_PATH, signedUrl, accounts.phones(client.id())));
    }

    private void messages(ServerRequest req, ServerResponse res) {
        Client client = client(req);
        String phone = phone(req);
        long after = after(req);
        Optional<String> seen = query(req, "conversation");

        List<PhoneMessage> thread = sms.outbox(client.id(), phone, 0);
        Optional<String> current = thread.stream().map(PhoneMessage::conversationId).findFirst();
        long from = seen.isPresent() && !seen.equals(current) ? 0 : after;
        json(res, new Thread(current, thread.stream()
                .filter(m -> m.seq() > from)
                .map(DevPhone::text)
                .toList()));
    }

    private static Text text(PhoneMessage m) {
        return new Text(m.seq(), m.from(), m.text(), m.status(), label(m.encoding()),
                m.segments(), m.at());
    }

    /** The encoding as people write it: {@code GSM-7}, {@code UCS-2}. */
    static String label(SmsEncoding encoding) {
        return encoding.name().replace('_', '-');
    }

    /** The client asked for, else the first by id that has an SMS number: the demo client. */
    private Client client(ServerRequest req) {
        Optional<String> id = query(req, "client");
        if (id.isPresent()) {
            return clients.require(id.get());
        }
        return clients.all().stream()
                .filter(c -> !c.smsNumber().isBlank())
                .min(Comparator.comparing(Client::id))
                .orElseThrow(() -> new NotFoundException("no_sms_client", "No client has an "
                        + "smsNumber, so the simulated phone has no one to text; start with the "
                        + "demo client (PARLEY_SEED_DEMO=true) or give a client an smsNumber"));
    }

    private static String phone(ServerRequest req) {
        String phone = query(req, "phone").orElseThrow(() -> new BadInputException(
                "missing_phone", "Add ?phone= with the simulated phone's E.164 number, such "
                + "as +14045550123"));
        if (!E164.matcher(phone).matches()) {
            throw new BadInputException("bad_phone", "phone must be an E.164 number such as "
                    + "+14045550123, was '" + phone + "'; encode the + as %2B in a URL");
        }
        return phone;
    }

    private static long after(ServerRequest req) {
        Optional<String> after = query(req, "after");
        if (after.isEmpty()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(after.get());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new BadInputException("bad_after", "after must be a seq, a whole number 0 or more, "
                + "was '" + after.get() + "'");
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(String::trim).filter(v -> !v.isEmpty());
    }

    private static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        // The setup carries the development token: no cache keeps a copy.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }

    private static void resource(ServerResponse res, String file, String type) {
        try (InputStream in = DevPhone.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("web/" + file + " is missing from the jar");
            }
            res.header(HeaderNames.CONTENT_TYPE, type);
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header(CONTENT_SECURITY_POLICY, POLICY);
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
