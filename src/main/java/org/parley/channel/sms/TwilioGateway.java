package org.parley.channel.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import java.io.IOException;
import java.util.Optional;

/** Sends through the Twilio REST API with the official SDK. */
final class TwilioGateway implements SmsGateway {

    /** Twilio's code for "too many requests", sent with HTTP 429. */
    private static final int TOO_MANY_REQUESTS = 20429;

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
