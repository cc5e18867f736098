package org.parley.channel.sms;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.HttpRouting;
import org.parley.billing.AccountStore;
import org.parley.client.ClientStore;
import org.parley.config.ParleyConfig;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SMS channel, wired: Twilio's webhooks, the inbound path, and the outbox sender. With
 * Twilio credentials it sends through Twilio's REST API; without them, every outbound text is
 * delivered to the development outbox, which {@link #outbox} reads back for the simulated phone
 * at {@code /dev/phone}, and webhooks are checked against a development token made at start.
 */
public final class SmsChannel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SmsChannel.class.getName());

    private final Settings settings;
    private final SmsInbound inbound;
    private final SmsOutbox outbox;
    private final SmsSender sender;
    private final TwilioWebhooks webhooks;
    private final ConversationStore conversationStore;
    private final ClientStore clients;
    private final AccountStore accounts;
    private final TwilioSignature signature;
    /** Present only without Twilio credentials; handed to the simulated phone alone. */
    private final Optional<String> devAuthToken;

    /**
     * What the channel needs to know.
     *
     * @param publicBaseUrl  the URL Twilio reaches Parley at, for signatures and status callbacks
     * @param apiBaseUrl     Twilio's REST API; empty for {@code https://api.twilio.com}
     * @param pollInterval   how often the sender looks for due messages
     * @param complianceKeys message keys sent even to a number that opted out: the opt-out and
     *                       opt-in confirmations
     */
    public record Settings(Optional<String> publicBaseUrl, Optional<String> accountSid,
                           Optional<String> authToken, Optional<String> apiBaseUrl,
                           Duration pollInterval, Set<String> complianceKeys,
                           SmsSender.Policy policy) {

        public Settings {
            complianceKeys = Set.copyOf(complianceKeys);
        }

        /** From Parley's configuration, polling every 200 ms with the default retry policy. */
        public static Settings from(ParleyConfig config, Set<String> complianceKeys) {
            return new Settings(config.publicBaseUrl(), config.twilioAccountSid(),
                    config.twilioAuthToken(), config.twilioApiBaseUrl(), Duration.ofMillis(200),
                    complianceKeys, SmsSender.Policy.defaults());
        }

        /** True when both credentials are set, so texts go to Twilio. */
        public boolean twilio() {
            return accountSid.isPresent() && authToken.isPresent();
        }
    }

    public SmsChannel(Settings settings, MongoDatabase db, ConversationService conversations,
                      ClientStore clients, AccountStore accounts, OptOutSink optOuts,
                      Clock clock) {
        this(settings, db, conversations, clients, accounts, optOuts, clock, () -> { });
    }

    /** @param flush makes the store's writes durable around each text handed to Twilio */
    public SmsChannel(Settings settings, MongoDatabase db, ConversationService conversations,
                      ClientStore clients, AccountStore accounts, OptOutSink optOuts,
                      Clock clock, Runnable flush) {
        this.settings = settings;
        this.inbound = new SmsInbound(conversations, clients, accounts);
        this.outbox = new SmsOutbox(db);
        this.conversationStore = new ConversationStore(db);
        this.clients = clients;
        this.accounts = accounts;
        SmsGateway gateway = settings.twilio()
                ? new TwilioGateway(settings.accountSid().get(), settings.authToken().get(),
                settings.apiBaseUrl())
                : SmsGateway.devOutbox();
        Optional<String> statusCallback = settings.publicBaseUrl()
                .map(base -> (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                        + "/twilio/status");
        this.sender = new SmsSender(outbox, gateway, conversations, clients, optOuts,
                settings.complianceKeys(), statusCallback, clock, settings.policy(), flush);
        // Without Twilio even a configured auth token is not used: the development token is
        // given to a browser page, and the real one must never be.
        this.devAuthToken = settings.twilio() ? Optional.empty()
                : Optional.of(TwilioSignature.developmentToken(new SecureRandom()));
        this.signature = new TwilioSignature(
                devAuthToken.orElseGet(() -> settings.authToken().orElseThrow()),
                settings.publicBaseUrl());
        this.webhooks = new TwilioWebhooks(signature, inbound, outbox, conversations, optOuts,
                sender::wake, clock);
    }

    /**
     * Adds {@code POST /twilio/sms} and {@code POST /twilio/status}, and without Twilio
     * credentials the simulated phone at {@code /dev/phone}.
     */
    public void routes(HttpRouting.Builder routing) {
        webhooks.routes(routing);
        devAuthToken.ifPresent(token -> new DevPhone(this, clients, accounts, token,
                signature.publicUrl(DevPhone.WEBHOOK_PATH)).routes(routing));
    }

    /** Starts the outbox sender on its own virtual thread. */
    public void start() {
        sender.start(settings.pollInterval());
        LOG.log(System.Logger.Level.INFO, settings.twilio()
                ? "SMS sends through Twilio" : "SMS goes to the development outbox: no Twilio "
                + "credentials (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)");
        if (devAuthToken.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "The simulated phone at " + DevPhone.PATH
                    + " is on: it is a development page, and anyone who reaches it can text "
                    + "Parley as any number. Listen on 127.0.0.1 only (PARLEY_HOST), or set "
                    + "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to turn it off");
        }
    }

    /** Whether the simulated phone at {@code /dev/phone} is served: only without Twilio. */
    public boolean devPhone() {
        return devAuthToken.isPresent();
    }

    /** The inbound path, for tests and tools that hand it a text directly. */
    public SmsInbound inbound() {
        return inbound;
    }

    /** The sender, for tests and tools that drive the outbox by hand. */
    public SmsSender sender() {
        return sender;
    }

    /**
     * The phone's current SMS conversation with the client, after {@code afterSeq}: what the
     * patient sent and what Parley sent back, with each text's status, encoding and segments.
     * Empty when the phone has never texted the client.
     */
    public List<PhoneMessage> outbox(String clientId, String phone, long afterSeq) {
        return conversationStore.findLatest(clientId, SmsOutbox.CHANNEL, phone)
                .map(Conversation::id)
                .map(id -> outbox.thread(id, afterSeq))
                .orElse(List.of());
    }

    @Override
    public void close() {
        sender.close();
    }
}
