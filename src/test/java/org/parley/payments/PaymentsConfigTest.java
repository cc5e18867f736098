package org.parley.payments;

import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox rule and the link settings, read from the environment. */
class PaymentsConfigTest {

    private static final String KEY = "k".repeat(32);

    @Test
    void demoConfigurationHasTheSandboxOnByDefault() {
        ParleyConfig.Payments payments = ParleyConfig.load(Map.of()).payments();

        assertTrue(payments.sandbox());
        assertEquals(Duration.ofMinutes(30), payments.linkTtl());
        assertTrue(payments.linkKey().isEmpty());
    }

    @Test
    void mongoUriTurnsTheDefaultSandboxOff() {
        ParleyConfig config = ParleyConfig.load(Map.of("MONGODB_URI", "mongodb://127.0.0.1:1"));

        assertFalse(config.payments().sandbox());
    }

    @Test
    void twilioCredentialsTurnTheDefaultSandboxOff() {
        ParleyConfig config = ParleyConfig.load(Map.of("TWILIO_ACCOUNT_SID", "AC123",
                "TWILIO_AUTH_TOKEN", "secret"));

        assertFalse(config.payments().sandbox());
    }

    @Test
    void sandboxCanBeSwitchedOffInTheDemo() {
        ParleyConfig config = ParleyConfig.load(Map.of("PARLEY_PAYMENTS_SANDBOX", "false"));

        assertFalse(config.payments().sandbox());
    }

    @Test
    void productionConfigurationRefusesTheSandboxWithMongoUri() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_PAYMENTS_SANDBOX", "true",
                        "MONGODB_URI", "mongodb://127.0.0.1:1")));

        assertTrue(e.getMessage().startsWith("PARLEY_PAYMENTS_SANDBOX=true cannot be used with "
                + "MONGODB_URI or Twilio credentials"), e.getMessage());
    }

    @Test
    void productionConfigurationRefusesTheSandboxWithTwilioCredentials() {
        assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_PAYMENTS_SANDBOX", "true",
                        "TWILIO_AUTH_TOKEN", "secret")));
    }

    @Test
    void unknownSandboxModeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_PAYMENTS_SANDBOX", "yes")));

        assertEquals("Setting payments.sandbox must be auto, true or false, was 'yes'; fix it "
                + "in application.yaml or PARLEY_PAYMENTS_SANDBOX", e.getMessage());
    }

    @Test
    void shortLinkKeyIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_PAYMENT_LINK_KEY", "tooshort")));

        assertEquals("PARLEY_PAYMENT_LINK_KEY must be at least 32 bytes, was 8; make one with: "
                + "openssl rand -hex 32", e.getMessage());
    }

    @Test
    void linkKeyAndLifetimeComeFromTheEnvironmentAndTheKeyIsNeverPrinted() {
        ParleyConfig config = ParleyConfig.load(Map.of("PARLEY_PAYMENT_LINK_KEY", KEY,
                "PARLEY_PAYMENTS_LINK_TTL", "PT10M"));

        assertEquals(KEY, config.payments().linkKey().orElseThrow());
        assertEquals(Duration.ofMinutes(10), config.payments().linkTtl());
        assertFalse(config.payments().toString().contains(KEY));
    }

    @Test
    void shortWebhookSecretIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_PAYMENTS_WEBHOOK_SECRET", "whsec-short")));

        assertEquals("PARLEY_PAYMENTS_WEBHOOK_SECRET must be at least 32 bytes, was 11; make one "
                + "with: openssl rand -hex 32", e.getMessage());
    }

    @Test
    void webhookSecretComesOnlyFromTheEnvironmentAndIsNeverPrinted() {
        String secret = "s".repeat(40);

        ParleyConfig config = ParleyConfig.load(Map.of("PARLEY_PAYMENTS_WEBHOOK_SECRET", secret));

        assertEquals(secret, config.payments().webhookSecret().orElseThrow());
        assertFalse(config.payments().toString().contains(secret));
        assertFalse(ParleyConfig.load(Map.of()).payments().webhookSecret().isPresent());
    }
}
