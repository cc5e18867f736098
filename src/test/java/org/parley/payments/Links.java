package org.parley.payments;

import org.parley.testing.TestParley;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finds the payment link in a bot's words and uses it as the patient's browser would. */
public final class Links {

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private Links() {
    }

    /** The one link in {@code text}. */
    public static String in(String text) {
        Matcher m = URL.matcher(text);
        assertTrue(m.find(), "no link in: " + text);
        return m.group();
    }

    /** The signed token at the end of a link. */
    static String token(String link) {
        return URLDecoder.decode(link.substring(link.lastIndexOf('/') + 1),
                StandardCharsets.UTF_8);
    }

    /** What the link says about itself, checked as the payment page checks it. */
    static PaymentLink check(TestParley parley, String link) {
        return parley.parley().payments().links().check(token(link));
    }

    /** Opens the link's page on this Parley, whatever host the link names. */
    public static HttpResponse<String> open(TestParley parley, String link) {
        return parley.send(HttpRequest.newBuilder(local(parley, link)).GET().build());
    }

    /** Pays on the sandbox page the link opens, with {@code card}. */
    public static HttpResponse<String> pay(TestParley parley, String link, String card) {
        return parley.send(HttpRequest.newBuilder(local(parley, link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=" + card)).build());
    }

    private static URI local(TestParley parley, String link) {
        return parley.http(URI.create(link).getRawPath());
    }
}
