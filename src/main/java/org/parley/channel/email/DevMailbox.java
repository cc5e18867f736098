package org.parley.channel.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The development mailbox: without SMTP settings, every message Parley sends is kept whole, as
 * raw RFC 5322 bytes, in {@code dev_mailbox}, where the page at {@code /dev/mail} shows it as the
 * patient's mail client would.
 */
final class DevMailbox implements MailGateway {

    private final MongoCollection<Document> mailbox;
    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;

    DevMailbox(MongoDatabase db, Clock clock) {
        this.mailbox = db.getCollection("dev_mailbox");
        this.clock = clock;
        mailbox.createIndex(Indexes.ascending("to", "at"));
    }

    /** One message in the mailbox, as stored. */
    record Stored(String id, String to, String subject, byte[] raw, Date at) {
    }

    @Override
    public Outcome send(MimeMessage message, String conversationId, long seq) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            String to = ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0])
                    .getAddress().toLowerCase(java.util.Locale.ROOT);
            mailbox.insertOne(new Document("to", to)
                    .append("subject", message.getSubject())
                    .append("conversationId", conversationId)
                    .append("seq", seq)
                    .append("raw", new Binary(raw.toByteArray()))
                    .append("at", Date.from(clock.instant())));
            return new Delivered();
        } catch (MessagingException | IOException e) {
            return new Transient("dev mailbox: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Session session() {
        return session;
    }

    /** The addresses that have mail, in order. */
    List<String> addresses() {
        return mailbox.distinct("to", String.class).into(new ArrayList<>()).stream().sorted()
                .toList();
    }

    /** The messages to {@code to}, oldest first. */
    List<Stored> messages(String to) {
        return mailbox.find(new Document("to", to)).sort(Sorts.ascending("at", "_id"))
                .map(DevMailbox::stored).into(new ArrayList<>());
    }

    Optional<Stored> message(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mailbox.find(new Document("_id", new ObjectId(id))).first())
                .map(DevMailbox::stored);
    }

    private static Stored stored(Document d) {
        return new Stored(d.getObjectId("_id").toHexString(), d.getString("to"),
                d.getString("subject"), d.get("raw", Binary.class).getData(), d.getDate("at"));
    }
}
