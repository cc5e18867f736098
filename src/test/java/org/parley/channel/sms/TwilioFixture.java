package org.parley.channel.sms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.helidon.webserver.WebServer;
import org.bson.Document;
import org.parley.Parley;
import org.parley.compliance.ComplianceGate;
import org.parley.compliance.ConsentLedger;
import org.parley.config.ParleyConfig;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationStore;
import org.parley.conversation.Message;
import org.parley.dialog.DialogState;
import org.parley.store.Store;
import org.parley.testing.FakeTwilio;
import org.parley.testing.TestClock;
import org.parley.web.Problems;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SMS channel wired over an empty embedded store with the demo client, a fake Twilio, a
 * clock the test moves, and the webhooks on a loopback server. The sender does not poll: tests
 * drive it with {@code drain()}.
 */
final class TwilioFixture implements AutoCloseable {

    static final String CLIENT = "example-health";
    static final String CLIENT_NUMBER = "+15555550100";
    static final String PATIENT = "+15555550123";
    static final String PUBLIC_BASE = "https://parley.example.test";
    static final Instant T0 = Instant.parse("2026-12-04T15:00:00Z");
    static final Set<String> COMPLIANCE_KEYS = ComplianceGate.EXEMPT_KEYS;

    final TestClock clock = new TestClock(T0);
    final FakeTwilio twilio;
    final Store store;
    final Parley.Services services;
    final ConsentLedger ledger;
    final OptOutSink optOuts;
    final SmsChannel channel;
    final WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConversationStore conversations;

    private TwilioFixture(Path dir, FakeTwilio twilio, Map<String, String> env) {
        this.twilio = twilio;
        Map<String, String> all = new HashMap<>(env);
        all.put("PARLEY_HOST", "127.0.0.1");
        ParleyConfig config = ParleyConfig.load(all).with(0, dir, Optional.of("test-token"));
        this.store = Store.embedded(dir, "test");
        this.services = Parley.services(config, store, Parley.loadContent(config), clock,
                new SecureRandom());
        this.conversations = new ConversationStore(store.database());
        this.ledger = new ConsentLedger(store.database(), clock);
        this.optOuts = OptOutSink.of(ledger::optOut, ledger::optedOut);
        this.channel = new SmsChannel(SmsChannel.Settings.from(config, COMPLIANCE_KEYS),
                store.database(), services.conversations(), services.clients(),
                services.accounts(), optOuts, clock);
        this.server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> {
                    Problems.register(routing);
                    channel.routes(routing);
                })
                .build().start();
    }

    /** Twilio credentials pointing at the fake; no public base URL. */
    static TwilioFixture start(Path dir) {
        return start(dir, false);
    }

    /** Twilio credentials pointing at the fake, behind {@link #PUBLIC_BASE} when asked. */
    static TwilioFixture start(Path dir, boolean behindProxy) {
        FakeTwilio twilio = FakeTwilio.start();
        Map<String, String> env = new HashMap<>(twilio.env());
        if (behindProxy) {
            env.put("PARLEY_PUBLIC_BASE_URL", PUBLIC_BASE);
        }
        return new TwilioFixture(dir, twilio, env);
    }

    /** As {@link #start(Path)}, with a fake that answers several texts at once. */
    static TwilioFixture concurrent(Path dir) {
        FakeTwilio twilio = FakeTwilio.startConcurrent();
        return new TwilioFixture(dir, twilio, twilio.env());
    }

    /** No Twilio credentials: the development outbox. */
    static TwilioFixture devOutbox(Path dir) {
        return new TwilioFixture(dir, FakeTwilio.start(), Map.of());
    }

    // ---- webhooks

    /** The URL this server is reached at, as Twilio would sign it with no proxy in between. */
    String localUrl(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Posts a form to {@code path} with {@code signature} as X-Twilio-Signature, if any. */
    HttpResponse<String> post(String path, Map<String, String> form, Optional<String> signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(localUrl(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        signature.ifPresent(s -> b.header("X-Twilio-Signature", s));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed", e);
        }
    }

    /** Posts signed for this server's own URL. */
    HttpResponse<String> postSigned(String path, Map<String, String> form) {
        return post(path, form, Optional.of(sign(FakeTwilio.AUTH_TOKEN, localUrl(path), form)));
    }

    /** A patient's text as Twilio posts it. */
    static Map<String, String> text(String from, String messageSid, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", messageSid);
        form.put("NumMedia", "0");
        form.put("MessageSid", messageSid);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", from);
        form.put("To", CLIENT_NUMBER);
        form.put("Body", body);
        form.put("NumSegments", "1");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    /** A delivery report as Twilio posts it. */
    static Map<String, String> status(String messageSid, String status, Optional<Integer> error) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", messageSid);
        form.put("SmsSid", messageSid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", CLIENT_NUMBER);
        form.put("To", PATIENT);
        form.put("ApiVersion", "2010-04-01");
        error.ifPresent(code -> form.put("ErrorCode", code.toString()));
        return form;
    }

    /**
     * Twilio's signature, computed here independently of the SDK: HMAC-SHA1 keyed with the auth
     * token over the URL followed by every parameter name and value, sorted by name, in Base64.
     */
    static String sign(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    // ---- store

    MongoCollection<Document> messages() {
        return store.database().getCollection("messages");
    }

    long messageCount() {
        return messages().countDocuments();
    }

    /** The phone's latest SMS conversation with the demo client. */
    Conversation conversation(String phone) {
        return conversations.findLatest(CLIENT, "sms", phone).orElseThrow();
    }

    /** The stored message with {@code seq} in the phone's SMS conversation. */
    Document message(String phone, long seq) {
        String id = conversations.findLatest(CLIENT, "sms", phone).orElseThrow().id();
        return messages().find(Filters.and(Filters.eq("conversationId", id),
                Filters.eq("seq", seq))).first();
    }

    Document delivery(String phone, long seq) {
        return message(phone, seq).get("delivery", Document.class);
    }

    /** Bot messages of the phone's SMS conversation, in order. */
    List<Document> replies(String phone) {
        String id = conversations.findLatest(CLIENT, "sms", phone).orElseThrow().id();
        return messages().find(Filters.and(Filters.eq("conversationId", id),
                        Filters.eq("from", "bot")))
                .sort(new Document("seq", 1)).into(new ArrayList<>());
    }

    /**
     * Opens an SMS conversation with {@code phone} holding one queued bot message, as the router
     * stores it; returns its seq.
     */
    long queue(String phone, String key, String text) {
        return queue(phone, key, text, Optional.empty());
    }

    /** Queues a text as {@link #queue(String, String, String)} does, paced at {@code place}. */
    long queue(String phone, String key, String text,
               Optional<org.parley.conversation.ConversationService.Place> place) {
        Optional<Conversation> existing = conversations.findLatest(CLIENT, "sms", phone);
        String id = existing.map(Conversation::id).orElseGet(() -> {
            String fresh = UUID.randomUUID().toString();
            conversations.create(new Conversation(fresh, CLIENT, "sms", phone,
                    DialogState.initial("en"), "", 1, 1, clock.instant(), clock.instant()));
            return fresh;
        });
        long seq = conversations.lastSeq(id) + 1;
        conversations.insert(List.of(new Message(id, seq, "bot", text, List.of(), Optional.of(key),
                Optional.empty(), clock.instant())), List.of("bot:seq:" + seq), "sms", phone,
                Optional.empty(), place);
        return seq;
    }

    int drain() {
        return channel.sender().drain();
    }

    @Override
    public void close() {
        channel.close();
        server.stop();
        store.close();
        twilio.close();
    }
}
