package org.parley.outreach.campaign;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.parley.store.DuplicateKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns in MongoDB: {@code campaigns} (one document per campaign, changed only at the
 * version it was read at), {@code campaign_members} (the audience fixed at the start, one
 * document per campaign and account, so a second snapshot adds nobody twice) and
 * {@code campaign_lists} (an uploaded list of account numbers, one document per campaign).
 */
final class CampaignStore {

    private static final int BATCH = 1000;

    private final MongoCollection<Document> campaigns;
    private final MongoCollection<Document> members;
    private final MongoCollection<Document> lists;
    private final MongoDatabase database;

    CampaignStore(MongoDatabase db) {
        this.database = db;
        this.campaigns = db.getCollection("campaigns");
        this.members = db.getCollection("campaign_members");
        this.lists = db.getCollection("campaign_lists");
        campaigns.createIndex(Indexes.ascending("clientId", "createdAt"));
        campaigns.createIndex(Indexes.ascending("state"));
        members.createIndex(Indexes.ascending("campaignId", "account"),
                new IndexOptions().unique(true));
    }

    /** A member of a campaign's fixed audience, and why they stopped getting steps, if so. */
    record Member(String account, Optional<String> stopped) {
    }

    /** Stores a new campaign; false when a campaign with its id is stored already. */
    boolean insert(Campaign c) {
        try {
            campaigns.insertOne(write(c));
            return true;
        } catch (MongoWriteException e) {
            if (!DuplicateKey.is(e)) {
                throw e;
            }
            return false;
        }
    }

    MongoDatabase database() {
        return database;
    }

    Optional<Campaign> find(String clientId, String id) {
        return Optional.ofNullable(campaigns.find(new Document("_id", id)
                .append("clientId", clientId)).first()).map(CampaignStore::read);
    }

    /** The client's campaigns, the newest first. */
    List<Campaign> all(String clientId) {
        return campaigns.find(Filters.eq("clientId", clientId))
                .sort(Sorts.descending("createdAt")).map(CampaignStore::read)
                .into(new ArrayList<>());
    }

    /** Every campaign the hourly job still has work for, the oldest first. */
    List<Campaign> live() {
        return campaigns.find(Filters.in("state", CampaignState.SCHEDULED.code(),
                        CampaignState.RUNNING.code()))
                .sort(Sorts.ascending("createdAt")).map(CampaignStore::read)
                .into(new ArrayList<>());
    }

    /**
     * Moves the campaign to {@code state}, with {@code also} set too, only if nobody changed it
     * since it was read.
     *
     * @return true when it moved
     */
    boolean move(Campaign c, CampaignState state, Instant now, Bson... also) {
        List<Bson> set = new ArrayList<>(List.of(Updates.set("state", state.code()),
                Updates.set("updatedAt", Date.from(now)), Updates.inc("version", 1L)));
        set.addAll(List.of(also));
        return campaigns.updateOne(new Document("_id", c.id()).append("version", c.version()),
                Updates.combine(set)).getModifiedCount() == 1;
    }

    /** Records that step {@code number} was scheduled for every member. */
    void stepDone(Campaign c, int number) {
        campaigns.updateOne(new Document("_id", c.id()), Updates.addToSet("stepsDone", number));
    }

    /** Adds accounts to the campaign's fixed audience; ones already in it stay as they are. */
    void addMembers(Campaign c, List<String> accounts, Instant now) {
        for (int from = 0; from < accounts.size(); from += BATCH) {
            List<Document> docs = accounts.subList(from, Math.min(from + BATCH, accounts.size()))
                    .stream().map(a -> new Document("campaignId", c.id())
                            .append("clientId", c.clientId()).append("account", a)
                            .append("joinedAt", Date.from(now))).toList();
            try {
                members.insertMany(docs, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // A run that died after part of the snapshot: those members are in already.
                if (!e.getWriteErrors().stream().allMatch(w -> ErrorCategory.fromErrorCode(
                        w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                    throw e;
                }
            }
        }
    }

    List<Member> members(String campaignId) {
        return members.find(Filters.eq("campaignId", campaignId)).sort(Sorts.ascending("account"))
                .map(d -> new Member(d.getString("account"),
                        Optional.ofNullable(d.getString("stopped"))))
                .into(new ArrayList<>());
    }

    void stop(String campaignId, String account, String reason, Instant now) {
        members.updateOne(Filters.and(Filters.eq("campaignId", campaignId),
                        Filters.eq("account", account), Filters.eq("stopped", null)),
                Updates.combine(Updates.set("stopped", reason),
                        Updates.set("stoppedAt", Date.from(now))));
    }

    /** Replaces the campaign's uploaded list of account numbers. */
    void saveList(String campaignId, List<String> accounts, Instant now) {
        lists.replaceOne(new Document("_id", campaignId), new Document("accounts", accounts)
                .append("uploadedAt", Date.from(now)), new ReplaceOptions().upsert(true));
    }

    /** The campaign's uploaded list, empty when none was uploaded. */
    List<String> list(String campaignId) {
        Document d = lists.find(new Document("_id", campaignId)).first();
        return d == null ? List.of() : d.getList("accounts", String.class);
    }

    private static Document write(Campaign c) {
        Audience a = c.audience();
        Document audience = new Document("list", a.list())
                .append("balanceMin", a.balanceMin().map(Decimal128::new).orElse(null))
                .append("balanceMax", a.balanceMax().map(Decimal128::new).orElse(null))
                .append("daysSinceMin", a.daysSinceMin().orElse(null))
                .append("daysSinceMax", a.daysSinceMax().orElse(null))
                .append("planStates", a.planStates())
                .append("languages", a.languages())
                .append("reachable", a.reachable())
                .append("noContactDays", a.noContactDays().orElse(null));
        List<Document> steps = c.steps().stream().map(s -> new Document("number", s.number())
                .append("day", s.day()).append("channel", s.channel())
                .append("template", s.template()).append("options", s.options())).toList();
        return new Document("_id", c.id())
                .append("clientId", c.clientId())
                .append("name", c.name())
                .append("audience", audience)
                .append("steps", steps)
                .append("start", c.start().toString())
                .append("end", c.end().toString())
                .append("state", c.state().code())
                .append("startedAt", c.startedAt().map(Date::from).orElse(null))
                .append("members", c.members())
                .append("stepsDone", c.stepsDone())
                .append("version", c.version())
                .append("createdAt", Date.from(c.createdAt()))
                .append("updatedAt", Date.from(c.updatedAt()));
    }

    private static Campaign read(Document d) {
        Document a = d.get("audience", Document.class);
        Audience audience = new Audience(a.getBoolean("list"), money(a, "balanceMin"),
                money(a, "balanceMax"), Optional.ofNullable(a.getInteger("daysSinceMin")),
                Optional.ofNullable(a.getInteger("daysSinceMax")),
                a.getList("planStates", String.class), a.getList("languages", String.class),
                a.getList("reachable", String.class),
                Optional.ofNullable(a.getInteger("noContactDays")));
        List<CampaignStep> steps = d.getList("steps", Document.class).stream()
                .map(s -> new CampaignStep(s.getInteger("number"), s.getInteger("day"),
                        s.getString("channel"), s.getString("template"),
                        s.getList("options", String.class))).toList();
        return new Campaign(d.getString("_id"), d.getString("clientId"), d.getString("name"),
                audience, steps, LocalDate.parse(d.getString("start")),
                LocalDate.parse(d.getString("end")), CampaignState.parse(d.getString("state")),
                Optional.ofNullable(d.getDate("startedAt")).map(Date::toInstant),
                d.getInteger("members", 0), d.getList("stepsDone", Integer.class, List.of()),
                d.getLong("version"), d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant());
    }

    private static Optional<BigDecimal> money(Document d, String field) {
        return Optional.ofNullable(d.get(field, Decimal128.class))
                .map(Decimal128::bigDecimalValue);
    }
}
