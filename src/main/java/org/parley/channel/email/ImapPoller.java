package org.parley.channel.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.parley.ParleyException;
import org.parley.config.EmailConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * Polls an IMAP mailbox for clients whose mail provider cannot call a webhook: each unread
 * message is read whole and taken like a webhook delivery, then flagged as read. Runs as a
 * background job under a lease ({@code store.Jobs}), so one instance polls at a time; a message
 * taken twice (the job died before flagging it) is a duplicate the inbound log drops.
 */
final class ImapPoller {

    static final String JOB = "email-imap";

    private static final System.Logger LOG = System.getLogger(ImapPoller.class.getName());
    /** Messages taken in one run; the rest wait for the next. */
    private static final int BATCH = 100;

    private final EmailConfig config;
    private final EmailInbound inbound;
    private final Runnable wake;

    ImapPoller(EmailConfig config, EmailInbound inbound, Runnable wake) {
        this.config = config;
        this.inbound = inbound;
        this.wake = wake;
    }

    /** One pass over the unread messages; returns how many were taken. */
    int poll() {
        String protocol = config.imapSsl() ? "imaps" : "imap";
        Properties p = new Properties();
        p.setProperty("mail." + protocol + ".connectiontimeout", "10000");
        p.setProperty("mail." + protocol + ".timeout", "30000");
        if (config.imapSsl()) {
            p.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(p);
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(config.imapHost().orElseThrow(), config.imapPort(),
                    config.imapUser().orElse(""), config.imapPassword().orElse(""));
            Folder folder = store.getFolder(config.imapFolder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < Math.min(unread.length, BATCH); i++) {
                    if (take(unread[i])) {
                        taken++;
                    }
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            // The job runs again at its next period; the messages stay unread until then.
            throw new IllegalStateException("IMAP mailbox " + config.imapHost().orElse("")
                    + " could not be read: " + e.getClass().getSimpleName()
                    + "; check email.imap.* and PARLEY_EMAIL_IMAP_PASSWORD", e);
        }
        if (taken > 0) {
            wake.run();
        }
        return taken;
    }

    /** Takes one message; one Parley refuses is flagged read too, so it is not read forever. */
    private boolean take(Message message) throws MessagingException {
        if (message.getSize() > config.maxMessageBytes()) {
            LOG.log(System.Logger.Level.INFO, "IMAP message {0} is over email.max-message-bytes;"
                    + " left unread by Parley", Integer.toString(message.getMessageNumber()));
            message.setFlag(Flags.Flag.SEEN, true);
            return false;
        }
        byte[] raw;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            raw = out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("message could not be read", e);
        }
        boolean taken = true;
        try {
            inbound.receive(raw);
        } catch (ParleyException e) {
            LOG.log(System.Logger.Level.INFO, "IMAP message {0} refused: {1}",
                    Integer.toString(message.getMessageNumber()), e.code());
            taken = false;
        }
        message.setFlag(Flags.Flag.SEEN, true);
        return taken;
    }
}
