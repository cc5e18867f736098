package org.parley.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parley's settings, read once from {@code application.yaml} and the environment.
 *
 * <p>Every dashed key {@code a.b-c} can be overridden by the environment variable
 * {@code PARLEY_A_B_C}; the documented short names ({@code PORT}, {@code MONGODB_URI}, the
 * {@code TWILIO_*} variables) override their keys too. Secrets come only from the environment.
 */
public record ParleyConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> mongoUri,
        String database,
        Optional<String> apiToken,
        Path dialogsDir,
        Path localesDir,
        int chatMaxTextLength,
        int chatMaxFrameBytes,
        int verificationMaxAttempts,
        int importMaxRows,
        boolean seedDemo,
        Optional<String> publicBaseUrl,
        Optional<String> twilioAccountSid,
        Optional<String> twilioAuthToken,
        Optional<String> twilioApiBaseUrl,
        Duration smsSessionTimeout,
        Payments payments,
        Staff staff,
        EmailConfig email,
        Handoff handoff) {

    /**
     * How agent consoles hear about conversations handed to people.
     *
     * @param feed         {@code polling}, {@code change-streams}, or {@code auto}: change streams
     *                     with {@code MONGODB_URI} (a replica set), polling on the embedded store
     * @param pollInterval how often the polling feed reads what other instances wrote
     */
    public record Handoff(String feed, Duration pollInterval) {

        /** True when change streams carry the feed, as {@code feed} and the store decide. */
        public boolean changeStreams(boolean embeddedStore) {
            return feed.equals("change-streams") || (feed.equals("auto") && !embeddedStore);
        }
    }

    /**
     * Payment-link settings.
     *
     * @param sandbox whether the sandbox payment page at {@code /pay/{token}} is served: on by
     *                default only for the demo (embedded store, no Twilio credentials), and never
     *                together with {@code MONGODB_URI} or Twilio credentials
     * @param linkKey the HS256 key for payment links, at least 32 bytes; empty in the demo,
     *                which then makes a random one at start
     * @param linkTtl how long a payment link stays valid
     * @param webhookSecret the HMAC-SHA256 key the client's system signs payment webhooks with,
     *                      at least 32 bytes; empty makes a random one at start
     */
    public record Payments(boolean sandbox, Optional<String> linkKey, Duration linkTtl,
                           Optional<String> webhookSecret) {

        /** Bytes an HS256 key needs at least. */
        public static final int MIN_KEY_BYTES = 32;

        /** Settings without a webhook secret. */
        public Payments(boolean sandbox, Optional<String> linkKey, Duration linkTtl) {
            this(sandbox, linkKey, linkTtl, Optional.empty());
        }

        @Override
        public String toString() {
            // The keys are secrets: never let a log line or an error message print them.
            return "Payments[sandbox=" + sandbox + ", linkKey="
                    + (linkKey.isPresent() ? "(set)" : "(none)") + ", linkTtl=" + linkTtl
                    + ", webhookSecret=" + (webhookSecret.isPresent() ? "(set)" : "(none)") + "]";
        }
    }

    /**
     * Staff sign-in settings.
     *
     * @param idleTimeout     a staff session ends after this long without a request
     * @param sessionLifetime a staff session ends this long after sign-in in any case
     * @param demoPassword    {@code PARLEY_STAFF_DEMO_PASSWORD}: the embedded demo's staff
     *                        accounts all take it; without it each gets a new one at start
     */
    public record Staff(Duration idleTimeout, Duration sessionLifetime,
                        Optional<String> demoPassword) {

        @Override
        public String toString() {
            return "Staff[idleTimeout=" + idleTimeout + ", sessionLifetime=" + sessionLifetime
                    + ", demoPassword=" + (demoPassword.isPresent() ? "(set)" : "(none)") + "]";
        }
    }

    private static final Map<String, String> ALIASES = Map.of(
            "port", "PORT",
            "mongodb-uri", "MONGODB_URI",
            "public-base-url", "PARLEY_PUBLIC_BASE_URL",
            "twilio.account-sid", "TWILIO_ACCOUNT_SID",
            "twilio.auth-token", "TWILIO_AUTH_TOKEN",
            "twilio.api-base-url", "TWILIO_API_BASE_URL");

    /** Reads {@code application.yaml} from the classpath, then applies {@code env}. */
    public static ParleyConfig load(Map<String, String> env) {
        JsonNode yaml = readDefaults();
        Values v = new Values(yaml, env);
        return new ParleyConfig(
                v.string("host", "0.0.0.0"),
                v.integer("port", 8080),
                Path.of(v.string("data-dir", "./data")),
                v.optional("mongodb-uri"),
                v.string("database", "parley"),
                v.secret("api-token", "PARLEY_API_TOKEN"),
                Path.of(v.string("dialogs-dir", "dialogs")),
                Path.of(v.string("locales-dir", "locales")),
                v.integer("chat.max-text-length", 2000),
                v.integer("chat.max-frame-bytes", 16384),
                v.integer("verification.max-attempts", 3),
                v.integer("import.max-rows", 50_000),
                Boolean.parseBoolean(v.string("seed-demo", "true")),
                v.optional("public-base-url"),
                v.secret("twilio.account-sid", "TWILIO_ACCOUNT_SID"),
                v.secret("twilio.auth-token", "TWILIO_AUTH_TOKEN"),
                v.optional("twilio.api-base-url"),
                Duration.parse(v.string("sms.session-timeout", "PT24H")),
                payments(v),
                staff(v),
                EmailConfig.from(v),
                handoff(v));
    }

    private static Handoff handoff(Values v) {
        String feed = v.string("handoff.feed", "auto").toLowerCase(Locale.ROOT);
        if (!java.util.List.of("auto", "polling", "change-streams").contains(feed)) {
            throw new IllegalArgumentException("Setting handoff.feed must be auto, polling or "
                    + "change-streams, was '" + feed + "'; fix it in application.yaml or "
                    + "PARLEY_HANDOFF_FEED");
        }
        return new Handoff(feed, v.duration("handoff.poll-interval", "PT0.2S"));
    }

    private static Staff staff(Values v) {
        Optional<String> demo = v.secret("staff.demo-password", "PARLEY_STAFF_DEMO_PASSWORD");
        if (demo.isPresent() && demo.get().codePointCount(0, demo.get().length()) < 12) {
            throw new IllegalArgumentException("PARLEY_STAFF_DEMO_PASSWORD must be at least 12 "
                    + "characters long, like every staff password; choose a longer one");
        }
        return new Staff(v.duration("staff.idle-timeout", "PT30M"),
                v.duration("staff.session-lifetime", "PT12H"), demo);
    }

    /**
     * The sandbox rule: {@code payments.sandbox} is {@code auto} (the default), {@code true} or
     * {@code false}. {@code auto} turns the sandbox on only when neither {@code MONGODB_URI} nor
     * Twilio credentials are set. {@code true} with either of them is refused, so a production
     * configuration can never take fake payments.
     */
    private static Payments payments(Values v) {
        String mode = v.string("payments.sandbox", "auto").toLowerCase(Locale.ROOT);
        boolean production = v.optional("mongodb-uri").isPresent()
                || v.secret("twilio.account-sid", "TWILIO_ACCOUNT_SID").isPresent()
                || v.secret("twilio.auth-token", "TWILIO_AUTH_TOKEN").isPresent();
        boolean sandbox = switch (mode) {
            case "auto" -> !production;
            case "false" -> false;
            case "true" -> {
                if (production) {
                    throw new IllegalArgumentException("PARLEY_PAYMENTS_SANDBOX=true cannot be "
                            + "used with MONGODB_URI or Twilio credentials: the sandbox payment "
                            + "page takes fake payments; unset it, or unset MONGODB_URI and "
                            + "TWILIO_* for a demo");
                }
                yield true;
            }
            default -> throw new IllegalArgumentException("Setting payments.sandbox must be auto, "
                    + "true or false, was '" + mode + "'; fix it in application.yaml or "
                    + "PARLEY_PAYMENTS_SANDBOX");
        };

        Optional<String> key = key(v, "payments.link-key", "PARLEY_PAYMENT_LINK_KEY");
        Optional<String> webhookSecret = key(v, "payments.webhook-secret",
                "PARLEY_PAYMENTS_WEBHOOK_SECRET");
        String ttl = v.string("payments.link-ttl", "PT30M");
        try {
            return new Payments(sandbox, key, Duration.parse(ttl), webhookSecret);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Setting payments.link-ttl must be an ISO-8601 "
                    + "duration such as PT30M, was '" + ttl + "'; fix it in application.yaml or "
                    + "PARLEY_PAYMENTS_LINK_TTL");
        }
    }

    /** A signing key from the environment, refused when it is shorter than HS256 needs. */
    private static Optional<String> key(Values v, String key, String envName) {
        Optional<String> secret = v.secret(key, envName);
        int bytes = secret.map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .orElse(Payments.MIN_KEY_BYTES);
        if (bytes < Payments.MIN_KEY_BYTES) {
            // Say how short, never what it is.
            throw new IllegalArgumentException(envName + " must be at least "
                    + Payments.MIN_KEY_BYTES + " bytes, was " + bytes
                    + "; make one with: openssl rand -hex 32");
        }
        return secret;
    }

    /** A copy with another port, data folder and token; used by tests and the CLI. */
    public ParleyConfig with(int port, Path dataDir, Optional<String> apiToken) {
        return new ParleyConfig(host, port, dataDir, mongoUri, database, apiToken, dialogsDir,
                localesDir, chatMaxTextLength, chatMaxFrameBytes, verificationMaxAttempts,
                importMaxRows, seedDemo,
                publicBaseUrl, twilioAccountSid, twilioAuthToken, twilioApiBaseUrl,
                smsSessionTimeout, payments, staff, email, handoff);
    }

    private static JsonNode readDefaults() {
        try (InputStream in = ParleyConfig.class.getResourceAsStream("/application.yaml")) {
            if (in == null) {
                throw new IllegalStateException("application.yaml is missing from the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("application.yaml could not be read", e);
        }
    }

    /**
     * Environment name for a dashed key:
     * {@code chat.max-text-length -> PARLEY_CHAT_MAX_TEXT_LENGTH}.
     */
    static String envName(String key) {
        return "PARLEY_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    record Values(JsonNode yaml, Map<String, String> env) {

        Optional<String> optional(String key) {
            for (String name : new String[] {ALIASES.get(key), envName(key)}) {
                if (name != null && env.get(name) != null && !env.get(name).isBlank()) {
                    return Optional.of(env.get(name).trim());
                }
            }
            JsonNode node = yaml.at("/" + key.replace('.', '/'));
            if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(node.asText());
        }

        Optional<String> secret(String key, String envName) {
            String value = env.get(envName);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String string(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        /** A positive ISO-8601 duration such as {@code PT30M}. */
        Duration duration(String key, String fallback) {
            String value = string(key, fallback);
            try {
                Duration d = Duration.parse(value);
                if (d.isNegative() || d.isZero()) {
                    throw new java.time.format.DateTimeParseException("not positive", value, 0);
                }
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("Setting " + key + " must be a positive "
                        + "ISO-8601 duration such as PT30M, was '" + value + "'; fix it in "
                        + "application.yaml or " + envName(key));
            }
        }

        int integer(String key, int fallback) {
            String value = string(key, Integer.toString(fallback));
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Setting " + key + " must be a whole number, "
                        + "was '" + value + "'; fix it in application.yaml or " + envName(key));
            }
        }
    }

    /** True when the data folder exists and can be written; used for a clear start-up error. */
    public static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException e) {
            return false;
        }
    }
}
