package org.parley.channel.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The Twilio SDK's own HTTP client, adjusted in three ways. It sends to a configured base URL in
 * place of {@code https://api.twilio.com}, so tests and regional gateways can stand in for
 * Twilio. It tries each request once: the SDK would otherwise repeat a message create on a 5xx
 * reply, and Apache's client on a 429 or 503, which may double a text that Twilio in fact
 * accepted and sleeps on the sending thread; Parley's outbox retries instead, with backoff and a
 * record. And its timeouts stay well inside the outbox lease, so no other worker claims a
 * message while this one may still be sending it.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    private static final Timeout CONNECT = Timeout.ofSeconds(5);
    private static final Timeout RESPONSE = Timeout.ofSeconds(10);
    /** Requests to Twilio at once: Apache's default of 5 would hold the sender's passes back. */
    private static final int CONNECTIONS = SmsRequests.OPEN + 4;

    private final Optional<String> baseUrl;

    /** @param baseUrl scheme, host, port and optional path prefix; empty for Twilio's own */
    TwilioHttpClient(Optional<String> baseUrl) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                // Apache's default would repeat a POST answered 429 or 503 after sleeping.
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // One per open request, and a few for the in-doubt lookups.
                        .setMaxConnPerRoute(CONNECTIONS)
                        .setMaxConnTotal(CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(CONNECT)
                                .setSocketTimeout(RESPONSE)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(CONNECT)
                        .setResponseTimeout(RESPONSE)
                        .build()));
        this.baseUrl = baseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1)
                : url);
    }

    @Override
    public Response reliableRequest(Request request) {
        return reliableRequest(request, new int[0], 1, 0);
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(baseUrl.map(base -> rebased(request, base)).orElse(request));
    }

    /** A copy of {@code request} aimed at {@code base}, with the same path, query and body. */
    static Request rebased(Request request, String base) {
        URI original = URI.create(request.getUrl());
        String url = base + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());

        Request copy = new Request(request.getMethod(), url);
        copy.setContentType(request.getContentType());
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        if (request.getFormParameters() != null) {
            copy.setFormParameters(request.getFormParameters());
        }
        each(request.getQueryParams(), copy::addQueryParam);
        each(request.getPostParams(), copy::addPostParam);
        each(request.getHeaderParams(), copy::addHeaderParam);
        if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        } else if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return copy;
    }

    private static void each(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
