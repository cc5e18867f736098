package org.parley.testing;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A patient's phone texting a client through a fake Twilio: {@code phone.text("balance")} posts
 * a signed webhook to Parley, {@code phone.reply("...")} waits for the text Parley hands to
 * Twilio and asserts it, so SMS tests read like the thread on the patient's screen.
 */
public final class SmsPhone {

    public static final String PUBLIC_BASE = "https://parley.example.test";
    public static final String CLIENT_NUMBER = "+15555550100";
    /** The identity question on SMS, in English. */
    public static final String VERIFY_EN = "First I need to confirm who you are. Please send your "
            + "date of birth and last name (for example: 03/14/1985 Rivera), or your account "
            + "number and ZIP code.";
    /** The identity question on SMS, in Spanish. */
    public static final String VERIFY_ES = "Primero confirmemos su identidad: envíe fecha de "
            + "nacimiento y apellido (ej.: 14/03/1985 Rivera), o n.º de cuenta y código postal.";
    /** The menu that closes a turn on SMS, in English. */
    public static final String MENU_EN = """
            Is there anything else I can help you with?
            1 Check my balance
            2 Pay my bill
            3 Payment plan
            4 Financial assistance
            5 Talk to a person
            Reply with a number from 1 to 5.""";
    /** The menu that closes a turn on SMS, in Spanish. */
    public static final String MENU_ES = """
            ¿Hay algo más en lo que pueda ayudarle?
            1 Ver mi saldo
            2 Pagar mi factura
            3 Plan de pagos
            4 Ayuda financiera
            5 Hablar con una persona
            Responda con un número del 1 al 5.""";

    private final TestParley parley;
    private final FakeTwilio twilio;
    private final String number;
    private final List<FakeTwilio.Request> pending = new ArrayList<>();

    public SmsPhone(TestParley parley, FakeTwilio twilio, String number) {
        this.parley = parley;
        this.twilio = twilio;
        this.number = number;
    }

    /** Texts {@code body} with a fresh MessageSid; returns it. */
    public String text(String body) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        deliver(sid, body);
        return sid;
    }

    /** Posts the webhook Twilio would for this text, signed as Twilio signs it. */
    public HttpResponse<String> deliver(String messageSid, String body) {
        HttpResponse<String> response = post(messageSid, body);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** Posts the signed webhook and returns whatever Parley answers. */
    public HttpResponse<String> post(String messageSid, String body) {
        Map<String, String> form = new TreeMap<>(Map.of("MessageSid", messageSid,
                "AccountSid", FakeTwilio.ACCOUNT_SID, "From", number, "To", CLIENT_NUMBER,
                "Body", body, "NumMedia", "0"));
        String signature = sign(FakeTwilio.AUTH_TOKEN, PUBLIC_BASE + "/twilio/sms", form);
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(parley.http("/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"))))
                .build());
        return response;
    }

    /** Asserts that the next text Parley sends this phone is exactly {@code expected}. */
    public void reply(String expected) {
        assertEquals(expected, next().body());
    }

    /** The next text Parley hands to Twilio for this phone. */
    public FakeTwilio.Request next() {
        try {
            while (true) {
                for (FakeTwilio.Request r : pending) {
                    if (r.to().equals(number)) {
                        pending.remove(r);
                        // Twilio has it; wait for Parley to record it as sent, so a test that
                        // moves its clock by hours next does not see an abandoned claim.
                        parley.parley().sms().sender().awaitIdle(Duration.ofSeconds(10));
                        return r;
                    }
                }
                pending.addAll(twilio.await(1, Duration.ofSeconds(10)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Environment that points Parley's Twilio at {@code twilio} and its public URL at ours. */
    public static Map<String, String> env(FakeTwilio twilio) {
        Map<String, String> env = new java.util.HashMap<>(twilio.env());
        env.put("PARLEY_PUBLIC_BASE_URL", PUBLIC_BASE);
        return env;
    }

    /** Twilio's scheme: HMAC-SHA1 over the URL and each sorted name and value, in base64. */
    public static String sign(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(
                    mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
