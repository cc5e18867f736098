package org.parley.payments;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.time.Clock;
import java.util.Date;

/**
 * Payments taken through a link, one document each in {@code payments}. A card is kept only as
 * its last four digits. Balances and receipts are not touched here yet.
 */
final class PaymentRecords {

    private final MongoCollection<Document> payments;
    private final Clock clock;

    PaymentRecords(MongoDatabase db, Clock clock) {
        this.payments = db.getCollection("payments");
        this.clock = clock;
        payments.createIndex(Indexes.ascending("clientId", "accountNumber", "at"));
    }

    /** Records a payment for {@code link}; {@code last4} is all of the card that is kept. */
    void record(PaymentLink link, String last4, String method) {
        if (!last4.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("Only the last four digits of a card may be "
                    + "stored, got " + last4.length() + " characters");
        }
        payments.insertOne(new Document("_id", link.linkId())
                .append("linkId", link.linkId())
                .append("clientId", link.clientId())
                .append("accountNumber", link.accountNumber())
                .append("amount", new Decimal128(link.amount()))
                .append("last4", last4)
                .append("method", method)
                .append("conversationId", link.conversationId())
                .append("at", Date.from(clock.instant())));
    }
}
