package org.parley.channel.sms;

import com.twilio.security.RequestValidator;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature}. Twilio signs the URL it posted to; behind a proxy or TLS
 * terminator that is the public URL, not the one this server sees, so the public base URL is
 * used when configured and the request's own URL otherwise.
 *
 * <p>Without Twilio credentials the key is a {@link #developmentToken development token} made at
 * start, which only the simulated phone is given, so its webhooks take exactly Twilio's path.
 */
final class TwilioSignature {

    static final HeaderName HEADER = HeaderNames.create("X-Twilio-Signature");

    private static final int DEVELOPMENT_TOKEN_BYTES = 20;

    private final RequestValidator validator;
    private final Optional<String> publicBaseUrl;

    /** @param authToken the account's auth token, or a development token */
    TwilioSignature(String authToken, Optional<String> publicBaseUrl) {
        this.validator = new RequestValidator(authToken);
        this.publicBaseUrl = publicBaseUrl.map(url -> url.endsWith("/")
                ? url.substring(0, url.length() - 1) : url);
    }

    /**
     * A fresh random auth token for a run without Twilio, shaped like Twilio's own (hex). It
     * lives in memory only and is never logged: whoever holds it can post as any phone.
     */
    static String developmentToken(SecureRandom random) {
        byte[] bytes = new byte[DEVELOPMENT_TOKEN_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean valid(ServerRequest req, Map<String, String> form) {
        Optional<String> signature = req.headers().first(HEADER);
        if (signature.isEmpty()) {
            return false;
        }
        return validator.validate(signedUrl(req), form, signature.get());
    }

    /** The URL Twilio signed: the public one with this path and query, else the one we got. */
    String signedUrl(ServerRequest req) {
        String query = req.query().rawValue();
        String pathAndQuery = req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        return publicUrl(pathAndQuery).orElseGet(() -> {
            URI seen = req.requestedUri().toUri();
            return seen.getScheme() + "://" + seen.getRawAuthority() + pathAndQuery;
        });
    }

    /** The public URL of {@code pathAndQuery}, when a public base URL is configured. */
    Optional<String> publicUrl(String pathAndQuery) {
        return publicBaseUrl.map(base -> base + pathAndQuery);
    }
}
