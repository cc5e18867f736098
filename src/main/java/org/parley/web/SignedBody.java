package org.parley.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signature Parley's own webhooks take in {@value #HEADER}:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, keyed with a shared secret.
 * The time is signed with the body, so a delivery captured on the way cannot be sent again later
 * than {@link #TOLERANCE} after it was signed. Several {@code v1} values are accepted, any of
 * which may match, so a sender can sign with an old and a new secret while the secret changes.
 */
public final class SignedBody {

    public static final String HEADER = "X-Parley-Signature";
    /** How far the signed time may be from Parley's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

    private final SecretKeySpec key;
    private final Clock clock;

    public SignedBody(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = clock;
    }

    /**
     * Why {@code header} does not sign exactly {@code body} within the time allowed; empty when
     * it does.
     */
    public Optional<String> problem(Optional<String> header, byte[] body) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.of("The " + HEADER + " header is missing");
        }
        String t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.get().split(",")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (name.equals("t")) {
                t = value;
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
        }
        if (t == null || !SECONDS.matcher(t).matches() || signatures.isEmpty()) {
            return Optional.of("The " + HEADER + " header is not in the form "
                    + "t=<unix seconds>,v1=<hex signature>");
        }

        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(t));
        Duration off = Duration.between(signedAt, clock.instant()).abs();
        if (off.compareTo(TOLERANCE) > 0) {
            return Optional.of("The signature's time t=" + t + " is " + off.toSeconds()
                    + " seconds from Parley's clock, more than the " + TOLERANCE.toSeconds()
                    + " allowed");
        }

        byte[] expected = sign(t, body);
        for (String signature : signatures) {
            if (MessageDigest.isEqual(expected, hex(signature))) {
                return Optional.empty();
            }
        }
        return Optional.of("The signature does not match the body");
    }

    /** The header value that signs {@code body} at {@code at}, as a sender makes it. */
    public String header(Instant at, byte[] body) {
        String t = Long.toString(at.getEpochSecond());
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(sign(t, body));
    }

    private byte[] sign(String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        }
    }

    /** The bytes a hex signature stands for; none for text that is not hex. */
    private static byte[] hex(String signature) {
        try {
            return HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
