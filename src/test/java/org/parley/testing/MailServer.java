package org.parley.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * An in-process SMTP and IMAP server (GreenMail) on free loopback ports: Parley sends through its
 * SMTP, a test reads what each patient's mailbox received, and IMAP serves the client's mailbox
 * for polling.
 */
public final class MailServer implements AutoCloseable {

    public static final String CLIENT_ADDRESS = "billing@example-health.test";
    public static final String IMAP_PASSWORD = "imap-password-for-tests";
    public static final String INBOUND_SECRET = "inbound-secret-0123456789abcdef0123456789";
    public static final String TOKEN_KEY = "token-key-0123456789abcdef0123456789abcdef";

    private final GreenMail greenMail;
    private final Set<MimeMessage> taken = Collections.newSetFromMap(new IdentityHashMap<>());

    private MailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static MailServer start() {
        GreenMail g = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        g.start();
        g.setUser(CLIENT_ADDRESS, CLIENT_ADDRESS, IMAP_PASSWORD);
        return new MailServer(g);
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    /** Environment that sends Parley's mail here and polls the client's mailbox here. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_EMAIL_SMTP_HOST", "127.0.0.1");
        env.put("PARLEY_EMAIL_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()));
        env.put("PARLEY_EMAIL_SMTP_SECURITY", "none");
        env.put("PARLEY_EMAIL_IMAP_HOST", "127.0.0.1");
        env.put("PARLEY_EMAIL_IMAP_PORT", Integer.toString(greenMail.getImap().getPort()));
        env.put("PARLEY_EMAIL_IMAP_SSL", "false");
        env.put("PARLEY_EMAIL_IMAP_USER", CLIENT_ADDRESS);
        env.put("PARLEY_EMAIL_IMAP_PASSWORD", IMAP_PASSWORD);
        env.put("PARLEY_EMAIL_INBOUND_SECRET", INBOUND_SECRET);
        env.put("PARLEY_EMAIL_TOKEN_KEY", TOKEN_KEY);
        env.put("PARLEY_PUBLIC_BASE_URL", SmsPhone.PUBLIC_BASE);
        return env;
    }

    /**
     * The next message to {@code address} not taken before, waiting up to ten seconds for it.
     */
    public synchronized MimeMessage next(String address) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (!taken.contains(m) && to(m).equals(address.toLowerCase(Locale.ROOT))) {
                    taken.add(m);
                    return m;
                }
            }
            greenMail.waitForIncomingEmail(200, greenMail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("No mail reached " + address + " within 10 s");
    }

    /** Every message to {@code address} not taken yet, without waiting. */
    public synchronized List<MimeMessage> pending(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (!taken.contains(m) && to(m).equals(address.toLowerCase(Locale.ROOT))) {
                found.add(m);
            }
        }
        return found;
    }

    private static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress()
                    .toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
