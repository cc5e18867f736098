package org.parley.payments;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.nlu.MoneyParser;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * The payment a patient asked for while identity was still to be checked, one document per
 * conversation in {@code payment_requests}: verification takes turns of its own and forgets
 * everything else the dialog collected, so "I can pay $200 today" waits here until the patient
 * is verified, then is taken once.
 */
final class PaymentRequests {

    private final MongoCollection<Document> requests;
    private final Clock clock;

    PaymentRequests(MongoDatabase db, Clock clock) {
        this.requests = db.getCollection("payment_requests");
        this.clock = clock;
    }

    /** Keeps {@code request} for the conversation, replacing an earlier one. */
    void remember(String conversationId, PaymentRequest request) {
        Document doc = new Document("_id", conversationId)
                .append("kind", request.kind().name())
                .append("creditLine", request.creditLine())
                .append("at", Date.from(clock.instant()));
        request.amount().ifPresent(a -> doc.append("amount", new Decimal128(a)));
        request.refused().ifPresent(r -> doc.append("refused", r.name()));
        requests.replaceOne(Filters.eq("_id", conversationId), doc,
                new ReplaceOptions().upsert(true));
    }

    /** The request kept for the conversation, removed as it is read; empty when none is. */
    Optional<PaymentRequest> take(String conversationId) {
        Document doc = requests.findOneAndDelete(Filters.eq("_id", conversationId));
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new PaymentRequest(
                PaymentRequest.Kind.valueOf(doc.getString("kind")),
                Optional.ofNullable(doc.get("amount", Decimal128.class))
                        .map(Decimal128::bigDecimalValue),
                Optional.ofNullable(doc.getString("refused")).map(MoneyParser.Reason::valueOf),
                doc.getBoolean("creditLine", false)));
    }
}
