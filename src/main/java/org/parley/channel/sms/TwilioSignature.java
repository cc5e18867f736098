package org.parley.channel.sms;

import com.twilio.security.RequestValidator;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature}. Twilio signs the URL it posted to; behind a proxy or TLS
 * terminator that is the public URL, not the one this server sees, so the public base URL is
 * used when configured and the request's own URL otherwise.
 */
final class TwilioSignature {

    static final HeaderName HEADER = HeaderNames.create("X-Twilio-Signature");

    private final Optional<RequestValidator> validator;
    private final Optional<String> publicBaseUrl;

    /** @param authToken empty when Twilio is not configured: then nothing is accepted */
    TwilioSignature(Optional<String> authToken, Optional<String> publicBaseUrl) {
        this.validator = authToken.map(RequestValidator::new);
        this.publicBaseUrl = publicBaseUrl.map(url -> url.endsWith("/")
                ? url.substring(0, url.length() - 1) : url);
    }

    boolean valid(ServerRequest req, Map<String, String> form) {
        Optional<String> signature = req.headers().first(HEADER);
        if (validator.isEmpty() || signature.isEmpty()) {
            return false;
        }
        return validator.get().validate(signedUrl(req), form, signature.get());
    }

    /** The URL Twilio signed: the public one with this path and query, else the one we got. */
    String signedUrl(ServerRequest req) {
        String query = req.query().rawValue();
        String pathAndQuery = req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        return publicBaseUrl.map(base -> base + pathAndQuery).orElseGet(() -> {
            URI seen = req.requestedUri().toUri();
            return seen.getScheme() + "://" + seen.getRawAuthority() + pathAndQuery;
        });
    }
}
