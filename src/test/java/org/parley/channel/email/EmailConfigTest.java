package org.parley.channel.email;

import org.junit.jupiter.api.Test;
import org.parley.config.EmailConfig;
import org.parley.config.ParleyConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The email settings: their defaults, the environment over them, and secrets kept out of text. */
class EmailConfigTest {

    @Test
    void withoutSettingsMailGoesToTheDevelopmentMailboxAndNothingIsPolled() {
        EmailConfig email = ParleyConfig.load(Map.of()).email();

        assertEquals(Optional.empty(), email.smtpHost());
        assertFalse(email.smtp());
        assertEquals(Optional.empty(), email.imapHost());
        assertEquals(List.of("pdf", "png", "jpeg"), email.attachmentTypes());
        assertEquals(20, email.maxPerHour());
        assertEquals(Duration.ofDays(7), email.sessionTimeout());
    }

    @Test
    void passwordsAndKeysComeFromTheEnvironmentAndAreNeverPrinted() {
        EmailConfig email = ParleyConfig.load(Map.of("PARLEY_EMAIL_SMTP_HOST", "127.0.0.1",
                "PARLEY_EMAIL_SMTP_PASSWORD", "smtp-secret-value",
                "PARLEY_EMAIL_INBOUND_SECRET", "i".repeat(32))).email();

        assertEquals(Optional.of("smtp-secret-value"), email.smtpPassword());
        assertFalse(email.toString().contains("smtp-secret-value"), email.toString());
        assertFalse(email.toString().contains("i".repeat(32)), email.toString());
    }

    @Test
    void aShortInboundSecretIsRefusedSayingHowShort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_EMAIL_INBOUND_SECRET", "short")));

        assertEquals("PARLEY_EMAIL_INBOUND_SECRET must be at least 32 bytes, was 5; make one "
                + "with: openssl rand -hex 32", e.getMessage());
    }

    @Test
    void anAttachmentKindParleyCannotRecogniseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParleyConfig.load(Map.of("PARLEY_EMAIL_ATTACHMENT_TYPES", "pdf,docx")));

        assertEquals("Setting email.attachment-types lists 'docx'; Parley recognises only "
                + "[pdf, png, jpeg] by content. Fix it in application.yaml or "
                + "PARLEY_EMAIL_ATTACHMENT_TYPES", e.getMessage());
    }
}
