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
        Duration smsSessionTimeout) {

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
                Duration.parse(v.string("sms.session-timeout", "PT24H")));
    }

    /** A copy with another port, data folder and token; used by tests and the CLI. */
    public ParleyConfig with(int port, Path dataDir, Optional<String> apiToken) {
        return new ParleyConfig(host, port, dataDir, mongoUri, database, apiToken, dialogsDir,
                localesDir, chatMaxTextLength, chatMaxFrameBytes, verificationMaxAttempts,
                importMaxRows, seedDemo,
                publicBaseUrl, twilioAccountSid, twilioAuthToken, twilioApiBaseUrl,
                smsSessionTimeout);
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

    private record Values(JsonNode yaml, Map<String, String> env) {

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
