package org.parley.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The email channel's settings, under {@code email.} in {@code application.yaml}. Passwords and
 * keys come only from the environment. Without an SMTP host, outbound mail goes to the
 * development mailbox at {@code /dev/mail}; without an IMAP host, nothing is polled.
 *
 * @param smtpSecurity      {@code starttls} (the default), {@code ssl} or {@code none}
 * @param imapSsl           whether IMAP speaks TLS from the first byte (port 993)
 * @param inboundSecret     the HMAC-SHA256 key {@code POST /email/inbound} is signed with, at
 *                          least 32 bytes; empty makes a random one at start
 * @param tokenKey          the key of reply-address and unsubscribe tokens, at least 32 bytes;
 *                          empty makes a random one at start (tokens then end with the run)
 * @param maxMessageBytes   the largest raw message taken, attachments included
 * @param maxAttachmentBytes the largest attachment kept
 * @param attachmentTypes   the kinds of attachment kept: {@code pdf}, {@code png}, {@code jpeg}
 * @param maxPerHour        messages from one address answered in an hour; later ones are kept
 *                          unanswered, which stops a loop with another robot
 * @param sessionTimeout    how long an email conversation may sit idle before a late reply no
 *                          longer answers the question it seems to answer
 */
public record EmailConfig(Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
                          Optional<String> smtpPassword, String smtpSecurity,
                          Optional<String> imapHost, int imapPort, Optional<String> imapUser,
                          Optional<String> imapPassword, boolean imapSsl, String imapFolder,
                          Duration imapEvery, Optional<String> inboundSecret,
                          Optional<String> tokenKey, int maxMessageBytes, int maxAttachmentBytes,
                          List<String> attachmentTypes, int maxPerHour, Duration sessionTimeout) {

    /** Bytes a signing key needs at least. */
    public static final int MIN_KEY_BYTES = 32;
    /** The largest attachment kept: one MongoDB document holds at most 16 MB. */
    public static final int MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;
    /** The attachment kinds Parley can recognise by their content. */
    public static final List<String> KNOWN_TYPES = List.of("pdf", "png", "jpeg");

    public EmailConfig {
        attachmentTypes = List.copyOf(attachmentTypes);
    }

    /** True when outbound mail leaves through an SMTP server rather than the dev mailbox. */
    public boolean smtp() {
        return smtpHost.isPresent();
    }

    static EmailConfig from(ParleyConfig.Values v) {
        String security = v.string("email.smtp.security", "starttls").toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "ssl", "none").contains(security)) {
            throw new IllegalArgumentException("Setting email.smtp.security must be starttls, ssl "
                    + "or none, was '" + security + "'; fix it in application.yaml or "
                    + ParleyConfig.envName("email.smtp.security"));
        }
        List<String> types = Arrays.stream(v.string("email.attachment-types", "pdf,png,jpeg")
                        .split(","))
                .map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
        for (String type : types) {
            if (!KNOWN_TYPES.contains(type)) {
                throw new IllegalArgumentException("Setting email.attachment-types lists '" + type
                        + "'; Parley recognises only " + KNOWN_TYPES + " by content. Fix it in "
                        + "application.yaml or " + ParleyConfig.envName("email.attachment-types"));
            }
        }
        int attachmentBytes = positive(v, "email.max-attachment-bytes", 5 * 1024 * 1024);
        if (attachmentBytes > MAX_ATTACHMENT_BYTES) {
            throw new IllegalArgumentException("Setting email.max-attachment-bytes is "
                    + attachmentBytes + "; an attachment is stored as one document, so at most "
                    + MAX_ATTACHMENT_BYTES + " (15 MB). Fix it in application.yaml or "
                    + ParleyConfig.envName("email.max-attachment-bytes"));
        }
        return new EmailConfig(v.optional("email.smtp.host"), v.integer("email.smtp.port", 587),
                v.optional("email.smtp.user"),
                v.secret("email.smtp.password", "PARLEY_EMAIL_SMTP_PASSWORD"), security,
                v.optional("email.imap.host"), v.integer("email.imap.port", 993),
                v.optional("email.imap.user"),
                v.secret("email.imap.password", "PARLEY_EMAIL_IMAP_PASSWORD"),
                Boolean.parseBoolean(v.string("email.imap.ssl", "true")),
                v.string("email.imap.folder", "INBOX"), v.duration("email.imap.every", "PT1M"),
                key(v, "email.inbound-secret", "PARLEY_EMAIL_INBOUND_SECRET"),
                key(v, "email.token-key", "PARLEY_EMAIL_TOKEN_KEY"),
                positive(v, "email.max-message-bytes", 10 * 1024 * 1024),
                attachmentBytes, types,
                positive(v, "email.max-per-hour", 20),
                v.duration("email.session-timeout", "P7D"));
    }

    private static Optional<String> key(ParleyConfig.Values v, String key, String envName) {
        Optional<String> secret = v.secret(key, envName);
        int bytes = secret.map(s -> s.getBytes(StandardCharsets.UTF_8).length)
                .orElse(MIN_KEY_BYTES);
        if (bytes < MIN_KEY_BYTES) {
            // Say how short, never what it is.
            throw new IllegalArgumentException(envName + " must be at least " + MIN_KEY_BYTES
                    + " bytes, was " + bytes + "; make one with: openssl rand -hex 32");
        }
        return secret;
    }

    private static int positive(ParleyConfig.Values v, String key, int fallback) {
        int value = v.integer(key, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException("Setting " + key + " must be above zero, was "
                    + value + "; fix it in application.yaml or " + ParleyConfig.envName(key));
        }
        return value;
    }

    @Override
    public String toString() {
        // Passwords and keys are secrets: no log line or error message may print them.
        return "EmailConfig[smtpHost=" + smtpHost.orElse("(none)") + ", smtpPort=" + smtpPort
                + ", smtpPassword=" + (smtpPassword.isPresent() ? "(set)" : "(none)")
                + ", imapHost=" + imapHost.orElse("(none)") + ", imapPort=" + imapPort
                + ", imapPassword=" + (imapPassword.isPresent() ? "(set)" : "(none)")
                + ", inboundSecret=" + (inboundSecret.isPresent() ? "(set)" : "(none)")
                + ", tokenKey=" + (tokenKey.isPresent() ? "(set)" : "(none)") + "]";
    }
}
