package org.parley.channel.email;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.parley.config.EmailConfig;

import java.util.Optional;
import java.util.Properties;

/** Hands one composed message to whatever carries it: an SMTP server, or the dev mailbox. */
interface MailGateway {

    /** What became of a send. */
    sealed interface Outcome {
    }

    /** The server took the message for delivery. */
    record Accepted() implements Outcome {
    }

    /** The message reached its mailbox at once: the development mailbox. */
    record Delivered() implements Outcome {
    }

    /** The server is busy or unreachable, or refused for now: try again later. */
    record Transient(String reason) implements Outcome {
    }

    /** The server refused the message for good. */
    record Rejected(String reason) implements Outcome {
    }

    Outcome send(MimeMessage message, String conversationId, long seq);

    /** The session composed messages are made in. */
    Session session();

    /** SMTP, as configured; STARTTLS is required when asked for, never merely tried. */
    static MailGateway smtp(EmailConfig config) {
        Properties p = new Properties();
        String host = config.smtpHost().orElseThrow();
        String protocol = config.smtpSecurity().equals("ssl") ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty("mail." + protocol + ".host", host);
        p.setProperty("mail." + protocol + ".port", Integer.toString(config.smtpPort()));
        p.setProperty("mail." + protocol + ".connectiontimeout", "10000");
        p.setProperty("mail." + protocol + ".timeout", "20000");
        p.setProperty("mail." + protocol + ".writetimeout", "20000");
        if (config.smtpSecurity().equals("starttls")) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (config.smtpSecurity().equals("ssl")) {
            p.setProperty("mail.smtps.ssl.checkserveridentity", "true");
        }
        Optional<String> user = config.smtpUser();
        Authenticator auth = null;
        if (user.isPresent()) {
            p.setProperty("mail." + protocol + ".auth", "true");
            String password = config.smtpPassword().orElse("");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user.get(), password);
                }
            };
        }
        Session session = Session.getInstance(p, auth);
        return new MailGateway() {
            @Override
            public Outcome send(MimeMessage message, String conversationId, long seq) {
                try {
                    Transport.send(message);
                    return new Accepted();
                } catch (SMTPAddressFailedException e) {
                    return classify(e.getReturnCode(), "recipient refused");
                } catch (SMTPSendFailedException e) {
                    return classify(e.getReturnCode(), "message refused");
                } catch (SendFailedException e) {
                    return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0
                            ? new Rejected("invalid recipient") : new Transient("send failed");
                } catch (MessagingException e) {
                    // Connection refused, timeouts, a server going away: the next try may pass.
                    return new Transient("smtp unreachable: " + e.getClass().getSimpleName());
                }
            }

            @Override
            public Session session() {
                return session;
            }
        };
    }

    /** A 5xx reply is final; a 4xx one asks to try again later. */
    private static Outcome classify(int code, String what) {
        return code >= 500 ? new Rejected(what + " " + code) : new Transient(what + " " + code);
    }
}
