package org.parley.channel.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/** Sends through the Twilio REST API with the official SDK. */
final class TwilioGateway implements SmsGateway {

    /** Twilio's code for "too many requests", sent with HTTP 429. */
    private static final int TOO_MANY_REQUESTS = 20429;

    /**
     * How many of the recipient's latest messages are looked through for one in doubt. Twilio
     * lists newest first, and a message in doubt is at most one lease old.
     */
    static final long RECENT = 50;

    private final TwilioRestClient client;

    /** @param apiBaseUrl where the REST API lives; empty for {@code https://api.twilio.com} */
    TwilioGateway(String accountSid, String authToken, Optional<String> apiBaseUrl) {
        this.client = new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new TwilioHttpClient(apiBaseUrl))
                .build();
    }

    @Override
    public Outcome send(Outgoing message) {
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = message.from().startsWith("MG")
                ? Message.creator(to, message.from(), message.body())
                : Message.creator(to, new PhoneNumber(message.from()), message.body());
        message.statusCallback().ifPresent(creator::setStatusCallback);

        try {
            return new Accepted(creator.create(client).getSid());
        } catch (ApiConnectionException e) {
            return new Transient(Optional.empty(),
                    "Twilio could not be reached: " + e.getMessage());
        } catch (ApiException e) {
            return classify(e);
        } catch (TwilioException e) {
            return new Transient(Optional.empty(), "Twilio call failed: " + e.getMessage());
        }
    }

    @Override
    public Lookup find(Outgoing message, Predicate<String> known) {
        boolean service = message.from().startsWith("MG");
        MessageReader reader = Message.reader().setTo(new PhoneNumber(message.to()))
                .setPageSize(RECENT);
        if (!service) {
            reader.setFrom(new PhoneNumber(message.from()));
        }
        try {
            for (Message m : reader.firstPage(client).getRecords()) {
                boolean sender = !service || message.from().equals(m.getMessagingServiceSid());
                // A trial account puts its own words before the body.
                boolean body = m.getBody() != null && m.getBody().endsWith(message.body());
                if (sender && body && m.getSid() != null && !known.test(m.getSid())) {
                    return new Held(m.getSid());
                }
            }
            return new NotHeld();
        } catch (TwilioException e) {
            return new Unknown("Twilio's message list could not be read: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * 429 and 5xx are worth another try; so is a failure with no HTTP status when its cause is
     * an I/O error. Any other answer is Twilio's final word on this message.
     */
    static Outcome classify(ApiException e) {
        Optional<Integer> code = Optional.ofNullable(e.getCode());
        Integer status = e.getStatusCode();
        if (status == null) {
            boolean io = e.getCause() instanceof IOException;
            boolean throttled = code.filter(c -> c == TOO_MANY_REQUESTS).isPresent();
            return io || throttled || code.isEmpty()
                    ? new Transient(code, String.valueOf(e.getMessage()))
                    : new Rejected(code, String.valueOf(e.getMessage()));
        }
        if (status == 429 || status >= 500) {
            return new Transient(code.or(() -> Optional.of(status)),
                    String.valueOf(e.getMessage()));
        }
        return new Rejected(code.or(() -> Optional.of(status)), String.valueOf(e.getMessage()));
    }
}
