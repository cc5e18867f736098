package org.parley.financing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the bot offered and what the patient chose, one document per offer in
 * {@code financing_offers}: the conversation, the account and balance, each partner offered with
 * the terms language shown and the apply link template, the time, and later the choice and its
 * time. An offer that fit no partner is kept too, with an empty list.
 */
public final class FinancingOffers {

    private final MongoCollection<Document> offers;
    private final Clock clock;

    public FinancingOffers(MongoDatabase db, Clock clock) {
        this.offers = db.getCollection("financing_offers");
        this.clock = clock;
        offers.createIndex(Indexes.ascending("conversationId"));
        offers.createIndex(Indexes.ascending("clientId", "offeredAt"));
    }

    /** One partner as it was offered. */
    public record Offered(String name, String termsLanguage, String applyUrl) {
    }

    /** One offer, as recorded. */
    public record Offer(String id, String clientId, String accountNumber, String conversationId,
                        BigDecimal balance, List<Offered> offered, Instant offeredAt,
                        Optional<String> chosen, Optional<Instant> chosenAt) {
        public Offer {
            offered = List.copyOf(offered);
        }
    }

    /** Records an offer and returns its id. */
    public String record(String clientId, String accountNumber, String conversationId,
                         BigDecimal balance, List<Offered> offered) {
        String id = UUID.randomUUID().toString();
        offers.insertOne(new Document("_id", id)
                .append("clientId", clientId)
                .append("accountNumber", accountNumber)
                .append("conversationId", conversationId)
                .append("balance", new Decimal128(balance))
                .append("offered", offered.stream().map(o -> new Document("name", o.name())
                        .append("termsLanguage", o.termsLanguage())
                        .append("applyUrl", o.applyUrl())).toList())
                .append("offeredAt", Date.from(clock.instant())));
        return id;
    }

    /** Records the patient's choice of {@code name} on the offer. */
    public void chose(String offerId, String name) {
        offers.updateOne(Filters.eq("_id", offerId), Updates.combine(Updates.set("chosen", name),
                Updates.set("chosenAt", Date.from(clock.instant()))));
    }

    public Optional<Offer> find(String offerId) {
        return Optional.ofNullable(offers.find(Filters.eq("_id", offerId)).first())
                .map(FinancingOffers::read);
    }

    /** Every offer made in a conversation, oldest first. */
    public List<Offer> forConversation(String conversationId) {
        return offers.find(Filters.eq("conversationId", conversationId))
                .sort(Indexes.ascending("offeredAt")).map(FinancingOffers::read)
                .into(new java.util.ArrayList<>());
    }

    private static Offer read(Document d) {
        return new Offer(d.getString("_id"), d.getString("clientId"),
                d.getString("accountNumber"), d.getString("conversationId"),
                d.get("balance", Decimal128.class).bigDecimalValue(),
                d.getList("offered", Document.class).stream().map(o -> new Offered(
                        o.getString("name"), o.getString("termsLanguage"),
                        o.getString("applyUrl"))).toList(),
                d.getDate("offeredAt").toInstant(), Optional.ofNullable(d.getString("chosen")),
                Optional.ofNullable(d.getDate("chosenAt")).map(Date::toInstant));
    }
}
